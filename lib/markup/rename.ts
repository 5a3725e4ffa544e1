// Renaming a page in block text: every piece of link syntax that really targets the page
// (`[[Old]]`, `#Old`, `#[[Old]]`, `Old::`, `[x]([[Old]])`, `{{embed: [[Old]]}}`, `{{[[Old]]: …}}`,
// and `[[Old]]` nested in another link's title) is respelled for the new title; everything else
// — plain text, code, math, other links — stays byte for byte. The parse tree says which ranges
// are links, so nothing here re-implements the grammar; and the result is parsed again and its
// references compared with what the rename should give, so a spelling the grammar would read
// differently in its surroundings is caught instead of written.
import type { BlockNode, Inline, MarkupNode } from "./ast";
import { parse } from "./parse";
import { extractRefs, type Refs } from "./refs";

/** Titles the markup itself spells (`{{[[TODO]]}}`, `{{[[slider]]}}`, `{{[[embed]]: …}}`): renaming them would turn widgets into links. */
export const SYNTAX_TITLES: ReadonlySet<string> = new Set(["TODO", "DONE", "slider", "embed"]);

export type RewriteResult = { ok: true; text: string; changed: boolean } | { ok: false; reason: string };

type Edit = { start: number; end: number; text: string };

const NON_ASCII = /[\u0080-\uffff]/;
const nfc = (title: string) => (NON_ASCII.test(title) ? title.normalize("NFC") : title);

/** Why `title` cannot be a page title that links can name, or null when it can. */
export function titleProblem(title: string): string | null {
  if (title.trim() === "") return "A title cannot be blank.";
  if (/[\r\n]/.test(title)) return "A title cannot contain a line break.";
  if (SYNTAX_TITLES.has(title)) return `“${title}” is part of the markup ({{[[${title}]]}}) and cannot be renamed to or from.`;
  const node = parse(`[[${title}]]`).children[0];
  if (node?.type !== "pageLink" || node.end !== title.length + 4 || node.title !== title) {
    return `“${title}” cannot be written as a link: [[${title}]] would not read back as this title (unbalanced brackets or code marks?).`;
  }
  return null;
}

/** `#title` when that reads back as exactly this tag on its own, else `#[[title]]`. */
function tagSpelling(title: string, bracketed: boolean): string {
  if (bracketed) return `#[[${title}]]`;
  const bare = `#${title}`;
  const node = parse(bare).children[0];
  const fits = node?.type === "tag" && !node.bracketed && node.end === bare.length && node.title === title;
  return fits ? bare : `#[[${title}]]`;
}

class EditCollector {
  readonly edits: Edit[] = [];
  constructor(
    private readonly from: string,
    private readonly to: string,
    private readonly bracketAllTags: boolean,
  ) {}

  private matches(title: string): boolean {
    return nfc(title) === this.from;
  }

  visitAll(nodes: readonly (Inline | MarkupNode)[]): void {
    for (const node of nodes) this.visit(node);
  }

  visit(node: MarkupNode): void {
    switch (node.type) {
      case "block":
      case "quote":
      case "bold":
      case "italic":
      case "highlight":
      case "strike":
        this.visitAll(node.children);
        return;
      case "attribute":
        if (this.matches(node.key)) this.edits.push({ start: node.start, end: node.start + node.key.length, text: this.to });
        this.visitAll(node.children);
        return;
      case "pageLink":
        // A matching title is replaced whole (it may itself hold nested links); only a title
        // that is some other page is searched for nested links to this one.
        if (this.matches(node.title)) this.edits.push({ start: node.start + 2, end: node.end - 2, text: this.to });
        else this.visitAll(node.children);
        return;
      case "tag":
        if (!this.matches(node.title)) this.visitAll(node.children);
        else if (node.bracketed) this.edits.push({ start: node.start + 3, end: node.end - 2, text: this.to });
        else this.edits.push({ start: node.start, end: node.end, text: tagSpelling(this.to, this.bracketAllTags) });
        return;
      case "alias":
        this.visitAll(node.children);
        this.visit(node.target);
        return;
      case "embed":
        this.visit(node.target);
        return;
      case "component": {
        // `{{[[name]]: args}}`: the name sits right after `{{[[`.
        if (node.linked && this.matches(node.name)) {
          const start = node.start + 4;
          this.edits.push({ start, end: start + node.name.length, text: this.to });
        }
        this.visitAll(node.children);
        return;
      }
      case "todo":
      case "slider":
      case "text":
      case "url":
      case "image":
      case "blockRef":
      case "code":
      case "codeBlock":
      case "math":
        return;
    }
  }
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  // Edits come in source order and never overlap (a replaced node is not descended into).
  let out = "";
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** The title `title` gets when page `from` becomes `to`: itself, `to`, or with nested `[[from]]` respelled. */
export function renamedTitle(title: string, from: string, to: string): string {
  if (title === from) return to;
  if (!title.includes(`[[${from}]]`) && !(NON_ASCII.test(title) && title.normalize("NFC").includes(`[[${from}]]`))) return title;
  const wrapped = `[[${title}]]`;
  const node = parse(wrapped).children[0];
  if (node?.type !== "pageLink" || node.end !== wrapped.length) return title;
  const collector = new EditCollector(from, to, false);
  collector.visitAll(node.children);
  return applyEdits(wrapped, collector.edits).slice(2, -2);
}

/**
 * Whether `after` links what `before` should link once `from` is `to`: the same block uids, and
 * each page title renamed; titles that were only nested in a replaced `[[from]]` title
 * (`[[[[A]]'s Notes]]` renamed whole) may go with it, and those nested in `to` may come.
 */
function linksAsExpected(before: Refs, after: Refs, from: string, to: string): boolean {
  if (JSON.stringify(before.blockUids) !== JSON.stringify(after.blockUids)) return false;
  const expected = new Set(before.pages.map((page) => renamedTitle(page.title, from, to)));
  const actual = new Set(after.pages.map((page) => page.title));
  const nestedInFrom = new Set(extractRefs(`[[${from}]]`).pages.map((page) => page.title));
  const nestedInTo = new Set(extractRefs(`[[${to}]]`).pages.map((page) => page.title));
  for (const title of actual) if (!expected.has(title) && !nestedInTo.has(title)) return false;
  for (const title of expected) if (!actual.has(title) && !nestedInFrom.has(title)) return false;
  return true;
}

function attempt(text: string, tree: BlockNode, before: Refs, from: string, to: string, bracketAllTags: boolean): string | null {
  const collector = new EditCollector(from, to, bracketAllTags);
  collector.visit(tree);
  const rewritten = applyEdits(text, collector.edits);
  return linksAsExpected(before, extractRefs(rewritten), from, to) ? rewritten : null;
}

/**
 * `text` with every link to page `from` respelled for `to` (both NFC titles). Fails, naming why,
 * when the new spelling would not read back as the same links (an attribute name with a colon,
 * say); the caller then refuses the whole rename.
 */
export function rewriteLinks(text: string, from: string, to: string): RewriteResult {
  const tree = parse(text);
  const before = extractRefs(text);
  if (!before.pages.some((page) => renamedTitle(page.title, from, to) !== page.title)) return { ok: true, text, changed: false };
  // A bare `#New` can run into what follows it (`#Old**` with New = "a*"): then every tag is bracketed.
  const rewritten = attempt(text, tree, before, from, to, false) ?? attempt(text, tree, before, from, to, true);
  if (rewritten !== null) return { ok: true, text: rewritten, changed: rewritten !== text };
  const asAttribute = tree.children[0]?.type === "attribute" && nfc(tree.children[0].key) === from;
  return {
    ok: false,
    reason: asAttribute
      ? `“${to}” cannot be an attribute name (“${from}::” starts a block).`
      : `The links to “${from}” in a block could not be respelled as “${to}” without changing what else it links to.`,
  };
}
