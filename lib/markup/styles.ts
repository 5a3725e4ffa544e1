// Roam's bold, italic, highlight and strike: the delimiters of one level of inline text are
// paired after the level is scanned, since pairing needs to see what follows.
import type { Inline, StyleType, TextNode } from "./ast";

const STAR = 0x2a; // *
const CARET = 0x5e; // ^
const UNDERSCORE = 0x5f; // _

function styleOf(mark: number): StyleType {
  switch (mark) {
    case STAR:
      return "bold";
    case UNDERSCORE:
      return "italic";
    case CARET:
      return "highlight";
    default:
      return "strike";
  }
}

/** The placeholder of a style delimiter among a level's items; it never reaches the tree. */
export const MARK: TextNode = { type: "text", start: -1, end: -1, text: "" };

/**
 * Pairs the style delimiters of one level as Roam does, each with the next delimiter of the
 * same kind (`**a **b** c**` is two bold runs, never nested bold), and builds the styled nodes.
 * Unpaired delimiters become text, merged with the text beside them.
 */
class StyleBuilder {
  /** For each item: the source position of its delimiter, or -1 when it is not one. */
  private readonly position: Int32Array;
  /** For each delimiter item: the index of the next delimiter item of its kind, or -1. */
  private readonly next: Int32Array;

  constructor(
    private readonly src: string,
    private readonly items: Inline[],
    marks: number[],
  ) {
    this.position = new Int32Array(items.length).fill(-1);
    this.next = new Int32Array(items.length);
    let m = 0;
    for (let t = 0; t < items.length; t++) if (items[t] === MARK) this.position[t] = marks[m++] ?? -1;
    let bold = -1;
    let italic = -1;
    let highlight = -1;
    let strike = -1;
    for (let t = items.length - 1; t >= 0; t--) {
      const at = this.position[t] ?? -1;
      if (at < 0) continue;
      switch (src.charCodeAt(at)) {
        case STAR:
          this.next[t] = bold;
          bold = t;
          break;
        case UNDERSCORE:
          this.next[t] = italic;
          italic = t;
          break;
        case CARET:
          this.next[t] = highlight;
          highlight = t;
          break;
        default:
          this.next[t] = strike;
          strike = t;
      }
    }
  }

  build(from: number, to: number): Inline[] {
    const out: Inline[] = [];
    // A run of adjacent text (text items and unpaired delimiters) becomes one text node.
    let runStart = -1;
    let runEnd = -1;
    let runItem: Inline | undefined;
    for (let t = from; t < to; t++) {
      const item = this.items[t];
      if (item === undefined) continue;
      const at = this.position[t] ?? -1;
      let start = item.start;
      let end = item.end;
      if (at >= 0) {
        const close = this.next[t] ?? -1;
        if (close > t + 1 && close < to) {
          if (runStart >= 0) out.push(this.run(runStart, runEnd, runItem));
          runStart = -1;
          const closeAt = this.position[close] ?? at;
          out.push({ type: styleOf(this.src.charCodeAt(at)), start: at, end: closeAt + 2, children: this.build(t + 1, close) });
          t = close;
          continue;
        }
        start = at;
        end = at + 2;
      } else if (item.type !== "text") {
        if (runStart >= 0) out.push(this.run(runStart, runEnd, runItem));
        runStart = -1;
        out.push(item);
        continue;
      }
      if (runStart < 0) {
        runStart = start;
        runItem = at < 0 ? item : undefined;
      } else runItem = undefined;
      runEnd = end;
    }
    if (runStart >= 0) out.push(this.run(runStart, runEnd, runItem));
    return out;
  }

  /** The text node of a run; `single` is its only item when that is already a text node. */
  private run(start: number, end: number, single: Inline | undefined): Inline {
    return single ?? { type: "text", start, end, text: this.src.slice(start, end) };
  }
}

/** `items` with each pair of delimiter placeholders made a style node around the items between. */
export function buildStyles(src: string, items: Inline[], marks: number[]): Inline[] {
  return new StyleBuilder(src, items, marks).build(0, items.length);
}
