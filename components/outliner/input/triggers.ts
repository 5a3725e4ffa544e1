// Which picker the text before the caret calls for: `[[query` (pages), `((query` (blocks),
// `#query` (tags) or `/query` (the slash menu). Pure: works on the block's text, with line
// breaks as "\n". When several could apply, the one typed last (rightmost) wins.

export type TriggerKind = "page" | "block" | "tag" | "slash";
/** `start`: index in the text of the trigger's first character; `query`: what follows it up to the caret. */
export type Trigger = { kind: TriggerKind; start: number; query: string };

/** Longest query a picker follows: past it, the text is prose, not a search. */
export const MAX_TRIGGER_QUERY = 200;
const MAX_SLASH_QUERY = 24;

/** Characters that end a #tag (as lib/markup's parser ends one). */
const TAG_CHAR = /^[^\s[\](){}"`<>#]+$/u;
const ASCII_ALNUM = /^[A-Za-z0-9]$/;

function bracketed(before: string, kind: "page" | "block", open: string, forbidden: RegExp): Trigger | null {
  const start = before.lastIndexOf(open);
  if (start < 0) return null;
  const query = before.slice(start + open.length);
  if (query.length > MAX_TRIGGER_QUERY || forbidden.test(query)) return null;
  return { kind, start, query };
}

function pageTrigger(before: string): Trigger | null {
  return bracketed(before, "page", "[[", /[[\]\n]/);
}

function blockTrigger(before: string): Trigger | null {
  return bracketed(before, "block", "((", /[()\n]/);
}

function tagTrigger(before: string): Trigger | null {
  const start = before.lastIndexOf("#");
  if (start < 0) return null;
  // "a#b", "&#39;" and "/#anchor" are not tags.
  const previous = before[start - 1] ?? "";
  if (ASCII_ALNUM.test(previous) || previous === "&" || previous === "/") return null;
  const query = before.slice(start + 1);
  if (query.length > MAX_TRIGGER_QUERY || !TAG_CHAR.test(query)) return null;
  return { kind: "tag", start, query };
}

function slashTrigger(before: string): Trigger | null {
  const start = before.lastIndexOf("/");
  if (start < 0) return null;
  // At the start of the block or of a line, or after a space: not in "and/or" or a URL.
  const previous = before[start - 1];
  if (previous !== undefined && !/\s/.test(previous)) return null;
  const query = before.slice(start + 1);
  if (query.length > MAX_SLASH_QUERY || query.includes("\n") || /^\s/.test(query)) return null;
  return { kind: "slash", start, query };
}

/** The picker the text before the caret calls for, if any. */
export function activeTrigger(before: string): Trigger | null {
  let best: Trigger | null = null;
  for (const trigger of [pageTrigger(before), blockTrigger(before), tagTrigger(before), slashTrigger(before)]) {
    if (trigger && (!best || trigger.start > best.start)) best = trigger;
  }
  return best;
}

/**
 * How many characters after the caret belong to the item being completed, and are replaced
 * with it: the rest of a link up to and including its `]]` (or `))`), the rest of a tag's word.
 */
export function restOfItem(kind: TriggerKind, after: string): number {
  const pattern = kind === "page" ? /^[^[\]\n]*\]\]/ : kind === "block" ? /^[^()\n]*\)\)/ : kind === "tag" ? /^[^\s[\](){}"`<>#]*/u : null;
  return pattern?.exec(after)?.[0].length ?? 0;
}
