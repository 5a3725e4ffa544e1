// Auto-pairing of brackets and quotes while typing, as pure rules over the characters around
// the caret: typing an opener inserts the pair, typing a closer just before the same closer
// steps over it, Backspace between an empty pair removes both.

const CLOSER: Readonly<Record<string, string>> = { "[": "]", "(": ")", "{": "}", "`": "`", '"': '"' };
const QUOTES = new Set(["`", '"']);
const CLOSERS = new Set(Object.values(CLOSER));

export type TypedChar =
  /** Insert `open + close` with the caret between. */
  | { type: "pair"; open: string; close: string }
  /** Move the caret over the closer already there. */
  | { type: "step" }
  /** Insert the character as typed. */
  | null;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * What typing `ch` does, given the character just `before` the caret and just `after` it
 * ("" at either end of the block, "\n" next to a line break).
 */
export function typedChar(ch: string, before: string, after: string): TypedChar {
  if (CLOSERS.has(ch) && after === ch) return { type: "step" };
  const close = CLOSER[ch];
  if (close === undefined) return null;
  // A quote after a letter or digit is an apostrophe or a closing quote (don't, 5", x`);
  // after the same quote it is a run (``` opens a code fence).
  if (QUOTES.has(ch) && (LETTER_OR_DIGIT.test(before) || before === ch)) return null;
  return { type: "pair", open: ch, close };
}

/** Whether Backspace with these characters around the caret removes an empty pair. */
export function deletesPair(before: string, after: string): boolean {
  return before !== "" && CLOSER[before] === after;
}
