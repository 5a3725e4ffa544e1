// The typed tree of one block's Roam markup. Every node knows its source range so an editor can
// decorate it, and keeps enough of its own spelling (delimiters, raw slices) for `serialize` to
// give back the exact source: `serialize(parse(s)) === s` for every string.

/** A range of the parsed string in UTF-16 code units: `start` inclusive, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface TextNode extends Span {
  type: "text";
  text: string;
}

/** `[[Title]]`. `title` is the raw text between the outer brackets, nested links included
 * (`[[[[A]]'s Notes]]` has title `[[A]]'s Notes` and a nested link `A` among its children). */
export interface PageLinkNode extends Span {
  type: "pageLink";
  title: string;
  children: Inline[];
}

/** `#tag` or `#[[multi word]]`; only the bracketed form has children (its title, parsed). */
export interface TagNode extends Span {
  type: "tag";
  title: string;
  bracketed: boolean;
  children: Inline[];
}

/** `[label](target)`: the label is `children`; tags and bare URLs inside a label are text. */
export interface AliasNode extends Span {
  type: "alias";
  children: Inline[];
  target: PageLinkNode | BlockRefNode | UrlNode;
}

/** A bare `http(s)://` URL, or the URL target of an alias. */
export interface UrlNode extends Span {
  type: "url";
  url: string;
}

/** `![alt](url)`. */
export interface ImageNode extends Span {
  type: "image";
  alt: string;
  url: string;
}

/** `((uid))`. */
export interface BlockRefNode extends Span {
  type: "blockRef";
  uid: string;
}

/** `{{embed: ((uid))}}`, `{{[[embed]]: ((uid))}}`, `{{embed: [[Page]]}}`. `separator` is the raw
 * text between `embed` and the target (`": "`), `trailing` the raw text after the target. */
export interface EmbedNode extends Span {
  type: "embed";
  linked: boolean;
  separator: string;
  target: PageLinkNode | BlockRefNode;
  trailing: string;
}

/** `{{[[TODO]]}}`, `{{TODO}}`, `{{[[DONE]]}}`, `{{DONE}}`; `linked` when written with `[[ ]]`. */
export interface TodoNode extends Span {
  type: "todo";
  state: "TODO" | "DONE";
  linked: boolean;
}

export type SliderSyntax = "{{slider}}" | "{{[[slider]]}}" | "<<slider>>";

/** The mood slider, in any of its three spellings. */
export interface SliderNode extends Span {
  type: "slider";
  syntax: SliderSyntax;
}

/** Any other `{{…}}`: `{{name}}`, `{{name: args}}`, `{{[[name]]: args}}`. `args` is the raw
 * text after the name, `children` the same text parsed (a query's `[[a]]` is a reference). */
export interface ComponentNode extends Span {
  type: "component";
  name: string;
  linked: boolean;
  args: string;
  children: Inline[];
}

export type StyleType = "bold" | "italic" | "highlight" | "strike";

/** `**bold**`, `__italic__`, `^^highlight^^`, `~~strike~~`. */
export interface StyleNode extends Span {
  type: StyleType;
  children: Inline[];
}

/** `` `code` ``: nothing is parsed inside. */
export interface CodeNode extends Span {
  type: "code";
  code: string;
}

/** ```` ```lang\nbody``` ````. `info` is the raw first line with its line break when it names a
 * language (`"clojure\n"`), else empty; `lang` is that name without the line break. */
export interface CodeBlockNode extends Span {
  type: "codeBlock";
  lang: string;
  info: string;
  body: string;
}

/** `$$tex$$`: nothing is parsed inside. */
export interface MathNode extends Span {
  type: "math";
  tex: string;
}

export type Inline =
  | TextNode
  | PageLinkNode
  | TagNode
  | AliasNode
  | UrlNode
  | ImageNode
  | BlockRefNode
  | EmbedNode
  | TodoNode
  | SliderNode
  | ComponentNode
  | StyleNode
  | CodeNode
  | CodeBlockNode
  | MathNode;

/** `Key:: value` at the very start of a block; the value (the rest of the block) is `children`. */
export interface AttributeNode extends Span {
  type: "attribute";
  key: string;
  children: Inline[];
}

/** `> quote` at the very start of a block; `marker` is the raw `"> "`. */
export interface QuoteNode extends Span {
  type: "quote";
  marker: string;
  children: Inline[];
}

/** The root: a whole block's text. */
export interface BlockNode extends Span {
  type: "block";
  children: (Inline | AttributeNode | QuoteNode)[];
}

export type MarkupNode = BlockNode | AttributeNode | QuoteNode | Inline;
