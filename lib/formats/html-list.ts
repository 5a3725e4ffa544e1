// Outlines as HTML: the nested lists Loam puts on the clipboard, and a tolerant reader for what
// browsers hand over when a list is copied from a web page, Google Docs, Notion or Wikipedia.
// Pure and DOM-free (it runs in Node, and on the server if ever needed): a small tokenizer and
// one streaming pass with explicit stacks, so neither sloppy markup nor a list nested ten
// thousand levels deep can throw or blow the call stack.
import type { OutlineNode } from "./outline-text";

// ——— Writing ———

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** `text` safe inside an element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/**
 * Nested `<ul>` lists, one `<li>` per block: the raw markup text of each block, escaped (not
 * rendered), its line breaks as `<br>`. `attributes` go on the outer `<ul>`.
 */
export function formatHtmlList(nodes: readonly OutlineNode[], attributes: Readonly<Record<string, string>> = {}): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join("");
  const out: string[] = [`<ul${attrs}>`];
  // Explicit stack instead of recursion: a node to write, or closing tags still owed.
  const stack: (OutlineNode | string)[] = ["</ul>", ...[...nodes].reverse()];
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    if (typeof step === "string") {
      out.push(step);
      continue;
    }
    out.push("<li>", escapeHtml(step.content).replace(/\n/g, "<br>"));
    if (step.children.length === 0) {
      out.push("</li>");
      continue;
    }
    out.push("<ul>");
    stack.push("</ul></li>");
    for (let i = step.children.length - 1; i >= 0; i--) stack.push(step.children[i] as OutlineNode);
  }
  return out.join("");
}

// ——— Tokenizing ———

type Token =
  | { type: "text"; text: string }
  | { type: "open"; tag: string; attrs: ReadonlyMap<string, string> }
  | { type: "close"; tag: string };

// Elements whose content is not text for a reader (and may contain `<` freely).
const SKIPPED_CONTENT = new Set(["script", "style", "title", "template", "noscript", "textarea"]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", ensp: "\u2002", emsp: "\u2003", thinsp: "\u2009",
  ndash: "–", mdash: "—", lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”", bdquo: "„", hellip: "…",
  bull: "•", middot: "·", laquo: "«", raquo: "»", lsaquo: "‹", rsaquo: "›", copy: "©", reg: "®", trade: "™",
  deg: "°", plusmn: "±", times: "×", divide: "÷", para: "¶", sect: "§", euro: "€", pound: "£", yen: "¥", cent: "¢",
  shy: "\u00ad", zwj: "\u200d", zwnj: "\u200c", iexcl: "¡", iquest: "¿", frac12: "½", frac14: "¼", frac34: "¾",
  sup2: "²", sup3: "³", micro: "µ", larr: "←", rarr: "→", uarr: "↑", darr: "↓", harr: "↔", rArr: "⇒", hearts: "♥",
};
// Named references browsers still accept without the semicolon.
const LEGACY_ENTITIES = new Set(["amp", "lt", "gt", "quot", "nbsp"]);

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{0,31}))(;?)/g, (whole, dec?: string, hex?: string, name?: string, semi?: string) => {
    if (name !== undefined) {
      const char = NAMED_ENTITIES[name];
      return char !== undefined && (semi === ";" || LEGACY_ENTITIES.has(name)) ? char : whole;
    }
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
    // As browsers do: NUL, lone surrogates and numbers past Unicode become U+FFFD.
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return String.fromCodePoint(valid ? code : 0xfffd);
  });
}

const TAG_NAME = /[a-zA-Z][^\s/>]*/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

/** Reads a start tag at `start` (just past `<`); undefined when the input ends inside it. */
function readStartTag(html: string, start: number): { tag: string; attrs: Map<string, string>; end: number } | undefined {
  TAG_NAME.lastIndex = start;
  const name = TAG_NAME.exec(html);
  if (!name) return undefined;
  const attrs = new Map<string, string>();
  let at = TAG_NAME.lastIndex;
  while (at < html.length) {
    const char = html[at] ?? "";
    if (char === ">") return { tag: name[0].toLowerCase(), attrs, end: at + 1 };
    if (/[\s/]/.test(char)) {
      at += 1;
      continue;
    }
    ATTRIBUTE.lastIndex = at;
    const attr = ATTRIBUTE.exec(html);
    if (!attr) {
      at += 1; // a stray quote or `=`: skip it, as browsers do
      continue;
    }
    const key = (attr[1] ?? "").toLowerCase();
    if (!attrs.has(key)) attrs.set(key, decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? ""));
    at = ATTRIBUTE.lastIndex;
  }
  return undefined;
}

/** Splits HTML into text and tags; comments, doctypes and the content of scripts and styles are dropped. */
function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  const lower = html.toLowerCase();
  let text = "";
  const flushText = () => {
    if (text !== "") tokens.push({ type: "text", text: decodeEntities(text) });
    text = "";
  };
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf("<", at);
    if (lt < 0) break;
    text += html.slice(at, lt);
    const next = html[lt + 1] ?? "";
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      at = close < 0 ? html.length : close + 3;
    } else if (next === "!" || next === "?") {
      const close = html.indexOf(">", lt);
      at = close < 0 ? html.length : close + 1;
    } else if (next === "/") {
      TAG_NAME.lastIndex = lt + 2;
      const name = TAG_NAME.exec(html);
      const close = html.indexOf(">", lt);
      if (!name || close < 0) {
        text += "</";
        at = lt + 2;
        continue;
      }
      flushText();
      tokens.push({ type: "close", tag: name[0].toLowerCase() });
      at = close + 1;
    } else {
      if (!/[a-zA-Z]/.test(next)) {
        text += "<"; // a `<` that starts no tag is text, as in "a < b"
        at = lt + 1;
        continue;
      }
      const tag = readStartTag(html, lt + 1);
      if (!tag) {
        at = html.length; // the input ends inside a tag: drop it, as browsers do
        break;
      }
      flushText();
      tokens.push({ type: "open", tag: tag.tag, attrs: tag.attrs });
      at = tag.end;
      if (SKIPPED_CONTENT.has(tag.tag)) {
        const close = lower.indexOf(`</${tag.tag}`, at);
        at = close < 0 ? html.length : close;
      }
    }
  }
  text += html.slice(at);
  flushText();
  return tokens;
}

/** The value of the first `name` attribute in `html` (entities decoded), if any. */
export function findHtmlAttribute(html: string, name: string): string | undefined {
  const wanted = name.toLowerCase();
  if (!html.toLowerCase().includes(wanted)) return undefined;
  for (const token of tokenize(html)) {
    if (token.type === "open" && token.attrs.has(wanted)) return token.attrs.get(wanted);
  }
  return undefined;
}

/** Whether `html` has list items: only then is it read as an outline rather than as text. */
export function hasHtmlListItems(html: string): boolean {
  return /<li[\s>/]/i.test(html);
}

// ——— Reading ———

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
const LISTS = new Set(["ul", "ol", "menu"]);
// Elements that end a paragraph (a new line inside a list item, a new block outside lists).
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "html", "main", "nav", "p",
  "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr",
]);
const CODE = new Set(["code", "kbd", "samp", "tt"]);

/** A run of paragraph content; marks are matched up when the paragraph ends. */
type OpenPart = { kind: "open"; id: number; delimiter: string; href?: string };
type Part = { kind: "text"; text: string; pre: boolean } | { kind: "break" } | OpenPart | { kind: "close"; id: number };

/**
 * Where paragraphs go: a list level (or the page) makes each a block; a list item gathers them
 * as lines. A list's blocks may share their array with blocks before it (`first` is its own first).
 */
type Level = { kind: "level"; nodes: OutlineNode[]; list: boolean; first: number };
type Item = { kind: "item"; node: OutlineNode; paragraphs: string[] };
type Container = Level | Item;

type Mark = { id: number; delimiter: string; generation: number };
type OpenElement = { tag: string; container?: Container; marks: Mark[]; block: boolean; code: boolean; pre: boolean };

type Reader = {
  marks: boolean;
  roots: OutlineNode[];
  containers: Container[];
  elements: OpenElement[];
  parts: Part[];
  /** Bumped whenever a paragraph ends: a mark opened in an earlier paragraph closes nothing. */
  generation: number;
  nextId: number;
  /** Delimiters open in the current paragraph (so `<b><strong>x` is bold once, not `****x`). */
  active: Set<string>;
  codeDepth: number;
  preDepth: number;
};

export type HtmlReadOptions = {
  /** Bold, italic, strike, highlight, code and links as Loam markup (`**x**`, `[t](url)`); false: text only. */
  marks?: boolean;
};

/**
 * The outline in `html`: each list item is a block (nested lists are its children, `<p>`s and
 * `<br>`s inside it are lines of its text), each paragraph outside lists a block of its own.
 */
export function readHtmlOutline(html: string, options: HtmlReadOptions = {}): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const reader: Reader = {
    marks: options.marks ?? true,
    roots,
    containers: [{ kind: "level", nodes: roots, list: false, first: 0 }],
    elements: [],
    parts: [],
    generation: 0,
    nextId: 0,
    active: new Set(),
    codeDepth: 0,
    preDepth: 0,
  };
  // Windows' CF_HTML header, if an app left it in: "Version:0.9\r\nStartHTML:…" before the markup.
  const source = html.replace(/\r\n?/g, "\n").replace(/^Version:\d[^<]*/, "");
  for (const token of tokenize(source)) {
    if (token.type === "text") onText(reader, token.text);
    else if (token.type === "open") onOpen(reader, token.tag, token.attrs);
    else onClose(reader, token.tag);
  }
  closeDownTo(reader, 0);
  endParagraph(reader);
  return roots;
}

/** The text of `html`, one line per block and per line of a block: what Ctrl+Shift+V pastes. */
export function htmlToText(html: string): string {
  const lines: string[] = [];
  const stack = [...readHtmlOutline(html, { marks: false })].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    lines.push(node.content);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as OutlineNode);
  }
  return lines.join("\n");
}

function top(reader: Reader): Container {
  return reader.containers.at(-1) ?? { kind: "level", nodes: reader.roots, list: false, first: 0 };
}

function onText(reader: Reader, text: string): void {
  const container = top(reader);
  // White space between the items of a list is layout, not content.
  if (container.kind === "level" && container.list && text.trim() === "") return;
  reader.parts.push({ kind: "text", text, pre: reader.preDepth > 0 });
}

function onOpen(reader: Reader, tag: string, attrs: ReadonlyMap<string, string>): void {
  if (VOID.has(tag)) {
    if (tag === "br") reader.parts.push({ kind: "break" });
    else if (tag === "hr") endParagraph(reader);
    return;
  }
  const element: OpenElement = { tag, marks: [], block: false, code: false, pre: false };
  if (tag === "li") {
    openItem(reader, element);
  } else if (LISTS.has(tag)) {
    openList(reader, element);
  } else if (BLOCKS.has(tag)) {
    endParagraph(reader);
    element.block = true;
    element.pre = tag === "pre";
  } else if (tag === "td" || tag === "th") {
    reader.parts.push({ kind: "text", text: " ", pre: false });
  } else {
    element.code = CODE.has(tag);
    openMarks(reader, element, tag, attrs);
  }
  if (element.code) reader.codeDepth += 1;
  if (element.pre) reader.preDepth += 1;
  reader.elements.push(element);
}

function openItem(reader: Reader, element: OpenElement): void {
  // A new item closes the one still open in the same list (`<li>a<li>b`).
  for (let i = reader.elements.length - 1; i >= 0; i--) {
    const tag = reader.elements[i]?.tag ?? "";
    if (LISTS.has(tag)) break;
    if (tag === "li") {
      closeDownTo(reader, i);
      break;
    }
  }
  endParagraph(reader);
  const node: OutlineNode = { content: "", children: [] };
  const parent = top(reader);
  (parent.kind === "level" ? parent.nodes : parent.node.children).push(node);
  element.container = { kind: "item", node, paragraphs: [] };
  reader.containers.push(element.container);
}

function openList(reader: Reader, element: OpenElement): void {
  endParagraph(reader);
  const parent = top(reader);
  let nodes: OutlineNode[];
  if (parent.kind === "item") nodes = parent.node.children;
  // A list right inside a list (Google Docs nests them so) belongs to the list's item above it.
  else if (parent.list && parent.nodes.length > parent.first) nodes = parent.nodes.at(-1)?.children ?? parent.nodes;
  else nodes = parent.nodes;
  element.container = { kind: "level", nodes, list: true, first: nodes.length };
  reader.containers.push(element.container);
}

/** The style properties of a `style` attribute, names lower-cased. */
function styleOf(attrs: ReadonlyMap<string, string>): Map<string, string> {
  const style = new Map<string, string>();
  for (const declaration of (attrs.get("style") ?? "").split(";")) {
    const colon = declaration.indexOf(":");
    if (colon > 0) style.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim().toLowerCase());
  }
  return style;
}

function isBoldWeight(weight: string | undefined): boolean | undefined {
  if (weight === undefined) return undefined;
  return weight === "bold" || weight === "bolder" || Number.parseInt(weight, 10) >= 600;
}

/** Loam's delimiters for an inline element: `**` for bold (by tag or by style, as Google Docs writes it), and so on. */
function delimitersOf(tag: string, attrs: ReadonlyMap<string, string>): string[] {
  const style = styleOf(attrs);
  const bold = isBoldWeight(style.get("font-weight"));
  const italic = style.has("font-style") ? style.get("font-style") === "italic" || style.get("font-style") === "oblique" : undefined;
  const strike = (style.get("text-decoration") ?? style.get("text-decoration-line") ?? "").includes("line-through");
  const result: string[] = [];
  // Google Docs wraps a whole copied fragment in <b style="font-weight:normal">: the style wins.
  if (bold ?? (tag === "b" || tag === "strong")) result.push("**");
  if (italic ?? (tag === "i" || tag === "em")) result.push("__");
  if (strike || tag === "s" || tag === "strike" || tag === "del") result.push("~~");
  if (tag === "mark") result.push("^^");
  if (CODE.has(tag)) result.push("`");
  return result;
}

/** An `<a href>` worth keeping as a link: web and mail addresses only (no `javascript:`, no page-relative paths). */
function linkTarget(href: string | undefined): string | undefined {
  const trimmed = href?.trim() ?? "";
  if (!/^(?:https?:\/\/|mailto:)/i.test(trimmed)) return undefined;
  // Characters that would end Loam's `(target)` early.
  return trimmed.replace(/[\s()]/g, (char) => (char === "(" ? "%28" : char === ")" ? "%29" : "%20"));
}

function openMarks(reader: Reader, element: OpenElement, tag: string, attrs: ReadonlyMap<string, string>): void {
  if (!reader.marks || reader.codeDepth > 0 || reader.preDepth > 0) return;
  const href = tag === "a" ? linkTarget(attrs.get("href")) : undefined;
  const delimiters = href !== undefined ? ["["] : delimitersOf(tag, attrs);
  for (const delimiter of delimiters) {
    if (reader.active.has(delimiter)) continue;
    const mark: Mark = { id: reader.nextId++, delimiter, generation: reader.generation };
    reader.active.add(delimiter);
    element.marks.push(mark);
    reader.parts.push(href !== undefined ? { kind: "open", id: mark.id, delimiter, href } : { kind: "open", id: mark.id, delimiter });
  }
}

function onClose(reader: Reader, tag: string): void {
  for (let i = reader.elements.length - 1; i >= 0; i--) {
    if (reader.elements[i]?.tag === tag) {
      closeDownTo(reader, i);
      return;
    }
  }
  // An end tag with nothing open to end is ignored, as browsers do.
}

/** Closes the open elements from the innermost down to index `index`, in that order. */
function closeDownTo(reader: Reader, index: number): void {
  while (reader.elements.length > index) {
    const element = reader.elements.pop();
    if (!element) return;
    for (const mark of [...element.marks].reverse()) {
      if (mark.generation !== reader.generation) continue;
      reader.parts.push({ kind: "close", id: mark.id });
      reader.active.delete(mark.delimiter);
    }
    if (element.code) reader.codeDepth -= 1;
    if (element.pre) reader.preDepth -= 1;
    if (element.block) endParagraph(reader);
    if (element.container) closeContainer(reader, element.container);
  }
}

function closeContainer(reader: Reader, container: Container): void {
  endParagraph(reader);
  const index = reader.containers.lastIndexOf(container);
  if (index > 0) reader.containers.length = index;
  if (container.kind === "item") container.node.content = container.paragraphs.join("\n");
}

/** Ends the paragraph being read: a block of its own, or a line of the list item it is in. */
function endParagraph(reader: Reader): void {
  const parts = reader.parts;
  reader.generation += 1;
  reader.active.clear();
  if (parts.length === 0) return; // the common case between tags: nothing to render
  reader.parts = [];
  const text = renderParts(parts);
  if (text === "") return;
  const container = top(reader);
  if (container.kind === "item") container.paragraphs.push(text);
  else container.nodes.push({ content: text, children: [] });
}

/**
 * The marks worth writing: both ends in this paragraph, on one line, around some visible text.
 * (Counts up to each part make this linear however the marks nest.)
 */
function keptMarks(parts: readonly Part[]): Set<number> {
  const breaks: number[] = [];
  const visible: number[] = [];
  const opens = new Map<number, number>();
  const kept = new Set<number>();
  let breakCount = 0;
  let visibleCount = 0;
  parts.forEach((part, index) => {
    breaks.push(breakCount);
    visible.push(visibleCount);
    if (part.kind === "break") breakCount += 1;
    else if (part.kind === "text" && part.text.replace(/[\s\u00a0]/g, "") !== "") visibleCount += 1;
    else if (part.kind === "open") opens.set(part.id, index);
    else if (part.kind === "close") {
      const start = opens.get(part.id);
      if (start !== undefined && breaks[start] === breakCount && (visible[start] ?? 0) < visibleCount) kept.add(part.id);
    }
  });
  return kept;
}

/** A paragraph's parts as text: white space collapsed as a browser shows it, marks around words not spaces. */
function renderParts(parts: readonly Part[]): string {
  const kept = keptMarks(parts);
  let out = "";
  let atSpace = true; // at the start of a line, or after a space: a further space is dropped
  let pending: OpenPart[] = [];
  const opens = new Map<number, OpenPart>();
  const starts = new Map<number, number>();
  const writePending = () => {
    for (const mark of pending) {
      out += mark.delimiter;
      starts.set(mark.id, out.length);
    }
    pending = [];
  };
  for (const part of parts) {
    if (part.kind === "text") {
      let text = part.pre ? part.text.replace(/\u00a0/g, " ") : part.text.replace(/[ \t\n\f\u00a0]+/g, " ");
      if (!part.pre && atSpace && text.startsWith(" ")) text = text.slice(1);
      if (text === "") continue;
      // A mark opened before a space starts after it: `<b> x</b>` is ` **x**`.
      if (pending.length > 0 && text.startsWith(" ")) {
        out += " ";
        text = text.slice(1);
        if (text === "") continue;
      }
      writePending();
      out += text;
      atSpace = /[ \n]$/.test(text);
    } else if (part.kind === "break") {
      out += "\n";
      atSpace = true;
    } else if (part.kind === "open") {
      if (kept.has(part.id)) {
        pending.push(part);
        opens.set(part.id, part);
      }
    } else {
      const open = opens.get(part.id);
      const start = starts.get(part.id);
      if (open && start !== undefined) out = closeMark(out, open, start);
    }
  }
  return tidyLines(out);
}

/** `out` with mark `open` (whose text starts at `start`) closed before any trailing spaces. */
function closeMark(out: string, open: OpenPart, start: number): string {
  const body = out.slice(start).replace(/ +$/, "");
  const end = start + body.length;
  const trailing = out.slice(end);
  const unwrap = () => out.slice(0, start - open.delimiter.length) + out.slice(start);
  if (open.href !== undefined) {
    // A link whose text is its address is just the address: Loam links bare URLs itself.
    if (body === open.href || `mailto:${body}` === open.href) return unwrap();
    return `${out.slice(0, end)}](${open.href})${trailing}`;
  }
  // Code holding a backtick cannot be written with single backticks: leave it as text.
  if (open.delimiter === "`" && body.includes("`")) return unwrap();
  return out.slice(0, end) + open.delimiter + trailing;
}

/** Lines without trailing spaces; blank lines at either end (a final `<br>`, an empty `<p>`) dropped. */
function tidyLines(text: string): string {
  if (!text.includes("\n")) return text.trimEnd();
  const lines = text.split("\n").map((line) => line.trimEnd());
  let first = 0;
  let last = lines.length;
  while (first < last && lines[first] === "") first += 1;
  while (last > first && lines[last - 1] === "") last -= 1;
  return lines.slice(first, last).join("\n");
}
