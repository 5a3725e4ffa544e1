// The one parser of Roam block markup (DESIGN.md, "Markup"). A hand-written single-pass scanner:
// `pairDelimiters` first pairs every bracket, brace and parenthesis and finds the code and math
// regions, so each construct below is recognised in O(1) or by a look-ahead over characters it
// then consumes. A construct is only parsed once it is certain to be produced, so nothing is
// parsed twice, and nesting deeper than MAX_DEPTH stays text, so no input can exhaust the stack.
// Unknown or unclosed syntax is text; every character of the source lands in exactly one leaf.
import type {
  AttributeNode,
  BlockNode,
  BlockRefNode,
  CodeBlockNode,
  CodeNode,
  ComponentNode,
  EmbedNode,
  ImageNode,
  Inline,
  MathNode,
  PageLinkNode,
  QuoteNode,
  SliderNode,
  TagNode,
  TextNode,
  TodoNode,
  UrlNode,
} from "./ast";
import { pairDelimiters } from "./pairs";
import { MARK, buildStyles } from "./styles";

/** Nesting beyond this many levels (links in links in styles…) is kept as plain text. */
export const MAX_DEPTH = 64;

// Character codes live here rather than in a shared module: some loaders turn imported
// bindings into getter calls, which cost a third of the scan in the hot loop.
const BANG = 0x21; // !
const QUOTE = 0x22; // "
const HASH = 0x23; // #
const DOLLAR = 0x24; // $
const AMPERSAND = 0x26; // &
const APOSTROPHE = 0x27; // '
const OPEN_PAREN = 0x28; // (
const CLOSE_PAREN = 0x29; // )
const STAR = 0x2a; // *
const COMMA = 0x2c; // ,
const HYPHEN = 0x2d; // -
const DOT = 0x2e; // .
const SLASH = 0x2f; // /
const COLON = 0x3a; // :
const SEMICOLON = 0x3b; // ;
const LESS = 0x3c; // <
const GREATER = 0x3e; // >
const QUESTION = 0x3f; // ?
const H_UPPER = 0x48; // H
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const CARET = 0x5e; // ^
const UNDERSCORE = 0x5f; // _
const BACKTICK = 0x60; // `
const H_LOWER = 0x68; // h
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const TILDE = 0x7e; // ~

// Contexts: inside a link label, tags, bare URLs and nested aliases are text
// (`[#product-hk](https://…)` is a link labelled "#product-hk"); inside a page title only
// nested page links, styles and code are markup.
const NORMAL = 0;
const NO_LINKS = 1;
const TITLE = 3;

/** Characters at which some construct may start; the scanner skips every other one. */
const STARTS = new Uint8Array(128);
for (const ch of "[!({<#hH`$*_^~") STARTS[ch.charCodeAt(0)] = 1;

function isStyleMark(c: number): boolean {
  return c === STAR || c === UNDERSCORE || c === CARET || c === TILDE;
}

function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** CJK and full-width punctuation: Chinese and Japanese text has no spaces to end a tag or URL. */
function isCjkPunctuation(c: number): boolean {
  return (
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65)
  );
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isUidChar(c: number): boolean {
  return isAsciiAlphanumeric(c) || c === HYPHEN || c === UNDERSCORE;
}

function endsTag(c: number): boolean {
  return (
    isSpace(c) ||
    c === OPEN_BRACKET ||
    c === CLOSE_BRACKET ||
    c === OPEN_PAREN ||
    c === CLOSE_PAREN ||
    c === OPEN_BRACE ||
    c === CLOSE_BRACE ||
    c === QUOTE ||
    c === BACKTICK ||
    c === LESS ||
    c === GREATER ||
    isCjkPunctuation(c)
  );
}

/** Punctuation that ends a sentence rather than a tag: `#tag.` is the tag "tag". */
function isTagTrail(c: number): boolean {
  return (
    c === DOT ||
    c === COMMA ||
    c === SEMICOLON ||
    c === COLON ||
    c === BANG ||
    c === QUESTION ||
    c === CLOSE_PAREN ||
    c === CLOSE_BRACKET ||
    c === QUOTE ||
    c === APOSTROPHE
  );
}

function endsUrl(c: number): boolean {
  return isSpace(c) || c === LESS || c === GREATER || c === QUOTE || c === BACKTICK || isCjkPunctuation(c);
}

/** Trailing characters that linkifiers leave out of a bare URL (closers are handled apart). */
function isUrlTrail(c: number): boolean {
  return (
    c === DOT ||
    c === COMMA ||
    c === SEMICOLON ||
    c === COLON ||
    c === BANG ||
    c === QUESTION ||
    c === QUOTE ||
    c === APOSTROPHE ||
    c === STAR ||
    c === UNDERSCORE ||
    c === TILDE ||
    c === CARET
  );
}

/** Characters that cannot be part of an attribute name. */
function endsAttributeKey(c: number): boolean {
  return (
    c === 0x0a ||
    c === 0x0d ||
    c === OPEN_BRACKET ||
    c === CLOSE_BRACKET ||
    c === OPEN_BRACE ||
    c === CLOSE_BRACE ||
    c === OPEN_PAREN ||
    c === CLOSE_PAREN ||
    c === BACKTICK ||
    c === HASH ||
    c === STAR ||
    c === CARET ||
    c === TILDE ||
    c === DOLLAR ||
    c === LESS ||
    c === GREATER ||
    c === BANG
  );
}

function endsComponentName(c: number): boolean {
  return (
    c === COLON ||
    isSpace(c) ||
    c === OPEN_BRACKET ||
    c === CLOSE_BRACKET ||
    c === OPEN_BRACE ||
    c === CLOSE_BRACE ||
    c === OPEN_PAREN ||
    c === CLOSE_PAREN
  );
}

/** Where `Key::` ends (the index of its first colon) when the block starts with one, else -1. */
function attributeKeyEnd(codes: Uint16Array, length: number): number {
  for (let j = 0; j < length; j++) {
    const c = codes[j] ?? 0;
    if (c === COLON) {
      const valid = j > 0 && codes[j + 1] === COLON && !isSpace(codes[0] ?? 0) && !isSpace(codes[j - 1] ?? 0);
      return valid ? j : -1;
    }
    if (endsAttributeKey(c)) return -1;
  }
  return -1;
}

// Zeros after the copied text, so that look-ahead past its end reads a character that
// starts nothing instead of needing a bounds check.
const LOOKAHEAD = 16;
const KEPT_BUFFER_LENGTH = 1 << 20;
let codeBuffer = new Uint16Array(1024);

/**
 * The UTF-16 code units of `text` in a typed array reused by every call. V8 reads a string's
 * characters through a different path for each of its layouts (flat, sliced, concatenated,
 * one- or two-byte); once a parser has met them all, every charCodeAt pays for the choice,
 * which doubled the time of a scan. One copy per block costs far less.
 */
function charCodes(text: string): Uint16Array {
  const n = text.length;
  let codes = codeBuffer;
  if (codes.length < n + LOOKAHEAD) {
    codes = new Uint16Array(Math.max(n + LOOKAHEAD, codes.length * 2));
    // Keep a grown buffer for next time, unless it is too big to hold on to after one huge block.
    if (codes.length <= KEPT_BUFFER_LENGTH) codeBuffer = codes;
  }
  for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i);
  codes.fill(0, n, n + LOOKAHEAD);
  return codes;
}

class InlineParser {
  constructor(
    private readonly src: string,
    private readonly codes: Uint16Array,
    private readonly partner: Int32Array,
  ) {}

  /** The code unit at `i`, 0 past either end. */
  private at(i: number): number {
    return this.codes[i] ?? 0;
  }

  private pair(i: number): number {
    return this.partner[i] ?? -1;
  }

  private text(start: number, end: number): TextNode {
    return { type: "text", start, end, text: this.src.slice(start, end) };
  }

  /** The inline nodes of `src[from, to)`. */
  inline(from: number, to: number, depth: number, context: number): Inline[] {
    if (from >= to) return [];
    if (depth > MAX_DEPTH) return [this.text(from, to)];
    const src = this.src;
    const items: Inline[] = [];
    // Style delimiters are paired once the whole range is scanned (pairing needs to see what
    // follows): until then each is a placeholder in `items` and a position in `marks`.
    const marks: number[] = [];
    let textStart = from;
    let i = from;
    while (i < to) {
      const c = this.at(i);
      if (c >= 128 || STARTS[c] === 0) {
        i++;
        continue;
      }
      const node = this.construct(c, i, to, depth, context);
      if (node !== null) {
        if (textStart < i) items.push(this.text(textStart, i));
        items.push(node);
        i = node.end;
        textStart = i;
      } else if (isStyleMark(c) && i + 1 < to && this.at(i + 1) === c) {
        if (textStart < i) items.push(this.text(textStart, i));
        marks.push(i);
        items.push(MARK);
        i += 2;
        textStart = i;
      } else i++;
    }
    if (textStart < to) items.push(this.text(textStart, to));
    return marks.length === 0 ? items : buildStyles(src, items, marks);
  }

  private construct(c: number, i: number, to: number, depth: number, context: number): Inline | null {
    const plain = context === NORMAL;
    switch (c) {
      case BACKTICK:
      case DOLLAR:
        return this.opaque(i, to);
      case OPEN_BRACKET: {
        if (this.at(i + 1) === OPEN_BRACKET) {
          const link = this.pageLink(i, to, depth);
          if (link !== null) return link;
        }
        return plain ? this.alias(i, to, depth) : null;
      }
      case BANG:
        return context === TITLE ? null : this.image(i, to);
      case OPEN_PAREN:
        return context === TITLE ? null : this.blockRef(i, to);
      case OPEN_BRACE:
        return context === TITLE ? null : this.braces(i, to, depth, context);
      case LESS:
        return context !== TITLE && this.src.startsWith("<<slider>>", i) && i + 10 <= to
          ? ({ type: "slider", start: i, end: i + 10, syntax: "<<slider>>" } satisfies SliderNode)
          : null;
      case HASH:
        return plain ? this.tag(i, to, depth) : null;
      case H_LOWER:
      case H_UPPER:
        return plain ? this.url(i, to) : null;
      default:
        return null;
    }
  }

  /** Fenced code, inline code or math, whose extent `pairDelimiters` already knows. */
  private opaque(i: number, to: number): CodeNode | CodeBlockNode | MathNode | null {
    const end = this.pair(i);
    if (end <= i || end > to) return null;
    const src = this.src;
    if (this.at(i) === DOLLAR) return { type: "math", start: i, end, tex: src.slice(i + 2, end - 2) };
    if (!src.startsWith("```", i)) return { type: "code", start: i, end, code: src.slice(i + 1, end - 1) };
    const inner = src.slice(i + 3, end - 3);
    // "```clojure\n(+ 1 2)```": a first line without spaces names the language.
    const lineEnd = inner.indexOf("\n");
    let info = "";
    if (lineEnd >= 0 && !/[\s`]/.test(inner.slice(0, lineEnd).replace(/\r$/, ""))) info = inner.slice(0, lineEnd + 1);
    return {
      type: "codeBlock",
      start: i,
      end,
      lang: info.replace(/\r?\n$/, ""),
      info,
      body: inner.slice(info.length),
    };
  }

  /** `[[title]]` at `i`, when its brackets pair up before `to`. */
  private pageLink(i: number, to: number, depth: number): PageLinkNode | null {
    if (this.at(i) !== OPEN_BRACKET || this.at(i + 1) !== OPEN_BRACKET) return null;
    const close = this.pair(i);
    const innerClose = this.pair(i + 1);
    if (close < 0 || close >= to || innerClose !== close - 1 || innerClose <= i + 2) return null;
    return {
      type: "pageLink",
      start: i,
      end: close + 1,
      title: this.src.slice(i + 2, innerClose),
      children: this.inline(i + 2, innerClose, depth + 1, TITLE),
    };
  }

  private isPageLinkAt(i: number, end: number): boolean {
    return (
      this.at(i) === OPEN_BRACKET &&
      this.at(i + 1) === OPEN_BRACKET &&
      this.pair(i) === end - 1 &&
      this.pair(i + 1) === end - 2 &&
      end - 2 > i + 2
    );
  }

  /** `[label](target)`. */
  private alias(i: number, to: number, depth: number): Inline | null {
    const close = this.pair(i);
    if (close < 0 || close + 1 >= to || this.at(close + 1) !== OPEN_PAREN) return null;
    const end = this.pair(close + 1);
    if (end < 0 || end >= to) return null;
    const target = this.target(close + 2, end, depth);
    if (target === null) return null;
    return { type: "alias", start: i, end: end + 1, children: this.inline(i + 1, close, depth + 1, NO_LINKS), target };
  }

  /** An alias target filling `src[from, to)`: a page link, a block reference or a URL. */
  private target(from: number, to: number, depth: number): PageLinkNode | BlockRefNode | UrlNode | null {
    if (from >= to) return null;
    if (this.isPageLinkAt(from, to)) return this.pageLink(from, to, depth + 1);
    const ref = this.blockRef(from, to);
    if (ref !== null && ref.end === to) return ref;
    for (let k = from; k < to; k++) if (isSpace(this.at(k))) return null;
    return { type: "url", start: from, end: to, url: this.src.slice(from, to) };
  }

  /** `![alt](url)`. */
  private image(i: number, to: number): ImageNode | null {
    const src = this.src;
    if (this.at(i + 1) !== OPEN_BRACKET) return null;
    const close = this.pair(i + 1);
    if (close < 0 || close + 1 >= to || this.at(close + 1) !== OPEN_PAREN) return null;
    const end = this.pair(close + 1);
    if (end < 0 || end >= to || end === close + 2) return null;
    for (let k = close + 2; k < end; k++) if (isSpace(this.at(k))) return null;
    return { type: "image", start: i, end: end + 1, alt: src.slice(i + 2, close), url: src.slice(close + 2, end) };
  }

  /** `((uid))`. */
  private blockRef(i: number, to: number): BlockRefNode | null {
    const src = this.src;
    if (this.at(i) !== OPEN_PAREN || this.at(i + 1) !== OPEN_PAREN) return null;
    let j = i + 2;
    while (j < to && isUidChar(this.at(j))) j++;
    if (j === i + 2 || j + 2 > to || this.at(j) !== CLOSE_PAREN || this.at(j + 1) !== CLOSE_PAREN) return null;
    return { type: "blockRef", start: i, end: j + 2, uid: src.slice(i + 2, j) };
  }

  /** `{{…}}`: TODO, DONE, slider, embed or any other component. */
  private braces(i: number, to: number, depth: number, context: number): Inline | null {
    const src = this.src;
    if (this.at(i + 1) !== OPEN_BRACE) return null;
    const close = this.pair(i);
    const innerClose = this.pair(i + 1);
    if (close < 0 || close >= to || innerClose !== close - 1 || innerClose <= i + 2) return null;
    const from = i + 2;
    const end = close + 1;
    const length = innerClose - from;
    if (length === 4 || length === 8) {
      const linked = length === 8;
      if (!linked || (src.startsWith("[[", from) && src.startsWith("]]", from + 6))) {
        const word = linked ? from + 2 : from;
        if (src.startsWith("TODO", word)) return { type: "todo", start: i, end, state: "TODO", linked } satisfies TodoNode;
        if (src.startsWith("DONE", word)) return { type: "todo", start: i, end, state: "DONE", linked } satisfies TodoNode;
      }
    }
    if (length === 6 && src.startsWith("slider", from)) return { type: "slider", start: i, end, syntax: "{{slider}}" } satisfies SliderNode;
    if (length === 10 && src.startsWith("[[slider]]", from)) return { type: "slider", start: i, end, syntax: "{{[[slider]]}}" } satisfies SliderNode;
    return this.embed(i, from, innerClose, end, depth) ?? this.component(i, from, innerClose, end, depth, context);
  }

  /** `{{embed: ((uid))}}`, `{{[[embed]]: ((uid))}}`, `{{embed: [[Page]]}}`, spaces allowed. */
  private embed(start: number, from: number, to: number, end: number, depth: number): EmbedNode | null {
    const src = this.src;
    let head: number;
    if (src.startsWith("embed", from)) head = from + 5;
    else if (src.startsWith("[[embed]]", from)) head = from + 9;
    else return null;
    if (head >= to || this.at(head) !== COLON) return null;
    let at = head + 1;
    while (at < to && isSpace(this.at(at))) at++;
    let targetEnd = -1;
    if (this.at(at) === OPEN_BRACKET) {
      const close = this.pair(at);
      if (close >= 0 && close < to && this.isPageLinkAt(at, close + 1)) targetEnd = close + 1;
    } else targetEnd = this.blockRef(at, to)?.end ?? -1;
    if (targetEnd < 0) return null;
    let trailingEnd = targetEnd;
    while (trailingEnd < to && isSpace(this.at(trailingEnd))) trailingEnd++;
    if (trailingEnd !== to) return null;
    const target = this.pageLink(at, targetEnd, depth + 1) ?? this.blockRef(at, targetEnd);
    if (target === null) return null;
    return {
      type: "embed",
      start,
      end,
      linked: head === from + 9,
      separator: src.slice(head, at),
      target,
      trailing: src.slice(targetEnd, to),
    };
  }

  private component(start: number, from: number, to: number, end: number, depth: number, context: number): ComponentNode {
    const src = this.src;
    let name: string;
    let nameEnd: number;
    const close = this.at(from) === OPEN_BRACKET ? this.pair(from) : -1;
    const linked = close >= 0 && close < to && this.isPageLinkAt(from, close + 1);
    if (linked) {
      name = src.slice(from + 2, close - 1);
      nameEnd = close + 1;
    } else {
      // "{{query: …}}", "{{roam/render: ((uid))}}", "{{word-count}}": the name ends at a colon,
      // a space or a bracket, so nested braces are parsed as arguments, not swallowed.
      nameEnd = from;
      while (nameEnd < to && !endsComponentName(this.at(nameEnd))) nameEnd++;
      name = src.slice(from, nameEnd);
    }
    return {
      type: "component",
      start,
      end,
      name,
      linked,
      args: src.slice(nameEnd, to),
      children: this.inline(nameEnd, to, depth + 1, context),
    };
  }

  /** `#tag` or `#[[multi word]]`. */
  private tag(i: number, to: number, depth: number): TagNode | null {
    const src = this.src;
    // "a#b", "&#39;" and "/#anchor" are not tags; CJK text puts tags right after a character.
    const before = i > 0 ? this.at(i - 1) : -1;
    if (isAsciiAlphanumeric(before) || before === AMPERSAND || before === SLASH) return null;
    if (this.at(i + 1) === OPEN_BRACKET && this.at(i + 2) === OPEN_BRACKET) {
      const link = this.pageLink(i + 1, to, depth);
      if (link === null) return null;
      return { type: "tag", start: i, end: link.end, title: link.title, bracketed: true, children: link.children };
    }
    const first = this.at(i + 1);
    if (i + 1 >= to || first === HASH || isTagTrail(first)) return null;
    let j = i + 1;
    for (; j < to; j++) {
      const c = this.at(j);
      if (endsTag(c)) break;
      // "**#tag**": a style delimiter ends the tag.
      if (isStyleMark(c) && j + 1 < to && this.at(j + 1) === c) break;
    }
    while (j > i + 1 && isTagTrail(this.at(j - 1))) j--;
    if (j === i + 1) return null;
    return { type: "tag", start: i, end: j, title: src.slice(i + 1, j), bracketed: false, children: [] };
  }

  /** A bare `http://` or `https://` URL. */
  private url(i: number, to: number): UrlNode | null {
    const src = this.src;
    // The scanner calls this at every "h": check cheaply before anything else.
    if ((this.at(i + 1) | 0x20) !== 0x74 || (this.at(i + 2) | 0x20) !== 0x74 || (this.at(i + 3) | 0x20) !== 0x70) return null;
    if (i > 0 && isAsciiAlphanumeric(this.at(i - 1))) return null;
    let j = i + 4;
    if ((this.at(j) | 0x20) === 0x73) j++;
    if (!src.startsWith("://", j)) return null;
    j += 3;
    const host = j;
    let parens = 0;
    let brackets = 0;
    for (; j < to; j++) {
      const c = this.at(j);
      if (endsUrl(c)) break;
      if (c === OPEN_PAREN) parens++;
      else if (c === CLOSE_PAREN) parens--;
      else if (c === OPEN_BRACKET) brackets++;
      else if (c === CLOSE_BRACKET) brackets--;
    }
    // Trailing punctuation is the sentence's; a closing parenthesis is the URL's only when
    // it balances one inside it ("…/Foo_(bar)" keeps it, "(see https://x.org)" does not).
    while (j > host) {
      const c = this.at(j - 1);
      if (isUrlTrail(c)) j--;
      else if (c === CLOSE_PAREN && parens < 0) {
        parens++;
        j--;
      } else if (c === CLOSE_BRACKET && brackets < 0) {
        brackets++;
        j--;
      } else break;
    }
    if (j === host) return null;
    return { type: "url", start: i, end: j, url: src.slice(i, j) };
  }
}

/** Parses one block's text. Never throws; `serialize(parse(text)) === text`. */
export function parse(text: string): BlockNode {
  const codes = charCodes(text);
  const parser = new InlineParser(text, codes, pairDelimiters(text, codes));
  const end = text.length;
  const keyEnd = attributeKeyEnd(codes, end);
  if (keyEnd > 0) {
    const attribute: AttributeNode = {
      type: "attribute",
      start: 0,
      end,
      key: text.slice(0, keyEnd),
      children: parser.inline(keyEnd + 2, end, 1, NORMAL),
    };
    return { type: "block", start: 0, end, children: [attribute] };
  }
  if (text.startsWith("> ")) {
    const quote: QuoteNode = { type: "quote", start: 0, end, marker: "> ", children: parser.inline(2, end, 1, NORMAL) };
    return { type: "block", start: 0, end, children: [quote] };
  }
  return { type: "block", start: 0, end, children: parser.inline(0, end, 0, NORMAL) };
}
