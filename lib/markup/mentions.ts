// Unlinked references: where a block's text names a page without linking it, and the same text
// with those mentions made links. Only plain text counts: a title inside a link, tag, alias,
// URL, code, math or component is already markup, not a mention.
import type { Inline, MarkupNode, Span } from "./ast";
import { parse } from "./parse";
import { extractRefs } from "./refs";

// A letter, a digit or `_`, in any script: a mention must not start or end inside a word.
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The plain-text stretches of a block: text reachable without entering any other markup. */
function plainText(node: MarkupNode, out: Span[]): void {
  switch (node.type) {
    case "text":
      out.push({ start: node.start, end: node.end });
      return;
    case "block":
    case "quote":
    case "bold":
    case "italic":
    case "highlight":
    case "strike":
      for (const child of node.children as Inline[]) plainText(child, out);
      return;
    case "attribute":
      // The key names a page already (an attribute reference); the value is ordinary text.
      for (const child of node.children) plainText(child, out);
      return;
    default:
      return;
  }
}

/**
 * Where `text` mentions `title` (ignoring case) on word boundaries outside any markup, as
 * source ranges in order. A title that cannot be written as a `[[link]]` has no mentions.
 */
export function findMentions(text: string, title: string): Span[] {
  if (title.trim() === "" || !linkable(title)) return [];
  const pattern = new RegExp(escapeRegExp(title), "giu");
  const spans: Span[] = [];
  const stretches: Span[] = [];
  plainText(parse(text), stretches);
  for (const stretch of stretches) {
    const slice = text.slice(stretch.start, stretch.end);
    for (const match of slice.matchAll(pattern)) {
      const start = stretch.start + (match.index ?? 0);
      const end = start + match[0].length;
      if (!boundaryAt(text, start, end)) continue;
      spans.push({ start, end });
    }
  }
  return spans;
}

/** True when the characters just outside [start, end) do not continue a word the match starts or ends. */
function boundaryAt(text: string, start: number, end: number): boolean {
  const first = text[start] ?? "";
  const last = text[end - 1] ?? "";
  const before = text[start - 1] ?? "";
  const after = text[end] ?? "";
  if (WORD_CHAR.test(first) && WORD_CHAR.test(before)) return false;
  if (WORD_CHAR.test(last) && WORD_CHAR.test(after)) return false;
  return true;
}

/** `[[title]]` parses back to a link to exactly `title` (no stray brackets in it). */
function linkable(title: string): boolean {
  const refs = extractRefs(`[[${title}]]`).pages;
  return refs.length > 0 && refs[0]?.title === title.normalize("NFC") && refs[0].kind === "link";
}

/**
 * `text` with every mention of `title` made a link: `[[Title]]` where it is written as the
 * title is, an alias keeping the words as typed where the case differs (`[vincent]([[Vincent]])`),
 * because titles are exact and `[[vincent]]` would name another page.
 */
export function linkMentions(text: string, title: string): string {
  const spans = findMentions(text, title);
  let result = "";
  let at = 0;
  for (const span of spans) {
    const typed = text.slice(span.start, span.end);
    const alias = typed !== title && !/[[\]]/.test(typed);
    result += text.slice(at, span.start) + (alias ? `[${typed}]([[${title}]])` : `[[${title}]]`);
    at = span.end;
  }
  return result + text.slice(at);
}
