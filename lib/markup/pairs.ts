// One pass over a block's text that keeps the inline parser linear: it finds the opaque regions
// (fenced code, inline code, math), where nothing else is parsed, and pairs every bracket, brace
// and parenthesis outside them, innermost first, as a stack would. The parser then knows in O(1)
// where any `[[`, `{{` or `(` closes instead of searching ahead, which is what makes 50,000
// unclosed `[[` quadratic in a naive parser.

// Character codes are declared in each module rather than imported: some loaders turn imported
// bindings into getter calls, which costs a third of the scan in the hot loop.
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const OPEN_PAREN = 0x28; // (
const CLOSE_PAREN = 0x29; // )
const BACKTICK = 0x60; // `
const DOLLAR = 0x24; // $

// Reused by every call: parsing is synchronous, and a fresh table per block costs more than
// the scan that fills it.
let buffer = new Int32Array(1024);
const KEPT_BUFFER_LENGTH = 1 << 20;

/**
 * The partner table of `text` (whose code units are `codes`), valid until the next call:
 * - at a bracket, brace or parenthesis: the index of its partner, or -1 when unpaired (also
 *   for those inside an opaque region);
 * - at the first character of an opaque region: the index just past its end;
 * - at any other backtick or `$`: -1.
 * Other positions hold stale values: read the table only at these characters.
 */
export function pairDelimiters(text: string, codes: Uint16Array): Int32Array {
  const n = text.length;
  let partner = buffer;
  if (partner.length < n) {
    partner = new Int32Array(Math.max(n, partner.length * 2));
    // Keep a grown table for next time, unless it is too big to hold on to after one huge block.
    if (partner.length <= KEPT_BUFFER_LENGTH) buffer = partner;
  }
  // The three stacks of still-open delimiters are linked lists threaded through the open
  // delimiters' own entries (each holds the one below it until it is closed): no extra memory.
  let bracketTop = -1;
  let braceTop = -1;
  let parenTop = -1;
  // Once a closer is known to be absent from the rest of the text, stop looking for it.
  let noFence = false;
  let noTick = false;
  let noMath = false;

  let i = 0;
  while (i < n) {
    const c = codes[i] ?? 0;
    switch (c) {
      case OPEN_BRACKET:
        partner[i] = bracketTop;
        bracketTop = i;
        break;
      case OPEN_BRACE:
        partner[i] = braceTop;
        braceTop = i;
        break;
      case OPEN_PAREN:
        partner[i] = parenTop;
        parenTop = i;
        break;
      case CLOSE_BRACKET:
        if (bracketTop >= 0) {
          const open = bracketTop;
          bracketTop = partner[open] ?? -1;
          partner[open] = i;
          partner[i] = open;
        } else partner[i] = -1;
        break;
      case CLOSE_BRACE:
        if (braceTop >= 0) {
          const open = braceTop;
          braceTop = partner[open] ?? -1;
          partner[open] = i;
          partner[i] = open;
        } else partner[i] = -1;
        break;
      case CLOSE_PAREN:
        if (parenTop >= 0) {
          const open = parenTop;
          parenTop = partner[open] ?? -1;
          partner[open] = i;
          partner[i] = open;
        } else partner[i] = -1;
        break;
      case BACKTICK:
      case DOLLAR: {
        let end = -1;
        let width = 1;
        if (c === BACKTICK && text.startsWith("```", i)) {
          // An unclosed fence is three backticks of text, not the start of inline code.
          width = 3;
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
        } else if (codes[i + 1] === DOLLAR && !noMath) {
          const close = text.indexOf("$$", i + 2);
          if (close === -1) noMath = true;
          else if (close > i + 2) end = close + 2;
        }
        if (end === -1) {
          for (let k = i; k < i + width && k < n; k++) partner[k] = -1;
          i += width;
        } else {
          partner[i] = end;
          for (let k = i + 1; k < end; k++) partner[k] = -1;
          i = end;
        }
        continue;
      }
    }
    i++;
  }
  // Whatever is still open stays unpaired.
  for (let top = bracketTop; top >= 0; ) {
    const below = partner[top] ?? -1;
    partner[top] = -1;
    top = below;
  }
  for (let top = braceTop; top >= 0; ) {
    const below = partner[top] ?? -1;
    partner[top] = -1;
    top = below;
  }
  for (let top = parenTop; top >= 0; ) {
    const below = partner[top] ?? -1;
    partner[top] = -1;
    top = below;
  }
  return partner;
}
