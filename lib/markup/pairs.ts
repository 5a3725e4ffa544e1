// One pass over a block's text that the inline parser relies on to stay linear: it finds the
// opaque regions (fenced code, inline code, math), where nothing else is parsed, and pairs every
// bracket, brace and parenthesis outside them with one stack per kind. The parser then knows
// in O(1) where any `[[`, `{{` or `(` closes instead of searching ahead (which is what makes
// 50,000 unclosed `[[` quadratic in a naive parser).

export const OPEN_BRACKET = 0x5b; // [
export const CLOSE_BRACKET = 0x5d; // ]
export const OPEN_BRACE = 0x7b; // {
export const CLOSE_BRACE = 0x7d; // }
export const OPEN_PAREN = 0x28; // (
export const CLOSE_PAREN = 0x29; // )
export const BACKTICK = 0x60; // `
export const DOLLAR = 0x24; // $

/**
 * Fills `partner` for `text` and returns it (grown when too short):
 * - at a bracket, brace or parenthesis: the index of its partner, or -1 when unpaired (also
 *   for those inside an opaque region);
 * - at the first character of an opaque region: the index just past its end;
 * - at any other backtick or `$`: -1.
 * Other positions are left as they were: callers read `partner` only at these characters.
 */
export function pairDelimiters(text: string, partner: Int32Array, stack: Int32Array): { partner: Int32Array; stack: Int32Array } {
  const n = text.length;
  if (partner.length < n) partner = new Int32Array(Math.max(n, partner.length * 2));
  if (stack.length < n) stack = new Int32Array(Math.max(n, stack.length * 2));
  // Three stacks share one buffer: brackets grow from the front; braces and parentheses are
  // kept in two linked lists threaded through `stack` by position, so no stack can overflow.
  let bracketTop = 0;
  let braceTop = -1;
  let parenTop = -1;
  // Once a closer is known to be absent from the rest of the text, stop looking for it.
  let noFence = false;
  let noTick = false;
  let noMath = false;

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACKET) {
      partner[i] = -1;
      stack[bracketTop++] = i;
    } else if (c === CLOSE_BRACKET) {
      if (bracketTop > 0) {
        const open = stack[--bracketTop] ?? 0;
        partner[open] = i;
        partner[i] = open;
      } else partner[i] = -1;
    } else if (c === OPEN_BRACE) {
      partner[i] = braceTop; // the previous open brace, until this one is closed
      braceTop = i;
    } else if (c === CLOSE_BRACE) {
      if (braceTop >= 0) {
        const open = braceTop;
        braceTop = partner[open] ?? -1;
        partner[open] = i;
        partner[i] = open;
      } else partner[i] = -1;
    } else if (c === OPEN_PAREN) {
      partner[i] = parenTop;
      parenTop = i;
    } else if (c === CLOSE_PAREN) {
      if (parenTop >= 0) {
        const open = parenTop;
        parenTop = partner[open] ?? -1;
        partner[open] = i;
        partner[i] = open;
      } else partner[i] = -1;
    } else if (c === BACKTICK || c === DOLLAR) {
      let end = -1;
      let skip = 1;
      if (c === BACKTICK && text.startsWith("```", i)) {
        // An unclosed fence is three backticks of text, not the start of inline code.
        skip = 3;
        if (!noFence) {
          const close = text.indexOf("```", i + 3);
          if (close === -1) noFence = true;
          else end = close + 3;
        }
      } else if (c === BACKTICK) {
        if (!noTick) {
          const close = text.indexOf("`", i + 1);
          if (close === -1) noTick = true;
          else if (close > i + 1) end = close + 1;
        }
      } else if (text.charCodeAt(i + 1) === DOLLAR && !noMath) {
        const close = text.indexOf("$$", i + 2);
        if (close === -1) noMath = true;
        else if (close > i + 2) end = close + 2;
      }
      if (end === -1) {
        for (let k = i; k < i + skip && k < n; k++) partner[k] = -1;
        i += skip;
        continue;
      }
      partner[i] = end;
      for (let k = i + 1; k < end; k++) partner[k] = -1;
      i = end;
      continue;
    }
    i++;
  }
  // Whatever is still open stays unpaired: its entry holds a link in the open list.
  while (braceTop >= 0) {
    const next = partner[braceTop] ?? -1;
    partner[braceTop] = -1;
    braceTop = next;
  }
  while (parenTop >= 0) {
    const next = partner[parenTop] ?? -1;
    partner[parenTop] = -1;
    parenTop = next;
  }
  return { partner, stack };
}
