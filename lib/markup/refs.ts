// What a block references, read from its parse tree: the server derives the Ref and BlockRef
// rows from this on every write, so link, tag, attribute, TODO and embed rules live here once.
import type { Inline, MarkupNode } from "./ast";
import { parse } from "./parse";

export type PageRefKind = "link" | "tag" | "attribute";

export interface PageRef {
  title: string;
  kind: PageRefKind;
}

export interface Refs {
  /** One entry per title (NFC), in order of first appearance, with the kind it first had. */
  pages: PageRef[];
  /** Referenced and embedded block uids, once each, in order of first appearance. */
  blockUids: string[];
}

export function extractRefs(text: string): Refs {
  return refsOf(parse(text));
}

/** The references of an already parsed tree (a renderer that has the tree need not reparse). */
export function refsOf(root: MarkupNode): Refs {
  const collector = new RefCollector();
  collector.visit(root);
  return { pages: collector.pages, blockUids: collector.blockUids };
}

// ASCII is always in NFC, and looking for anything else is much cheaper than normalising.
const NON_ASCII = /[\u0080-\uffff]/;

class RefCollector {
  readonly pages: PageRef[] = [];
  readonly blockUids: string[] = [];
  private readonly seenPages = new Set<string>();
  private readonly seenBlocks = new Set<string>();

  private page(raw: string, kind: PageRefKind): void {
    // Titles stay exactly as written except for Unicode normalisation, so "é" typed as one code
    // point or as e + combining accent names the same page.
    const title = NON_ASCII.test(raw) ? raw.normalize("NFC") : raw;
    if (this.seenPages.has(title)) return;
    this.seenPages.add(title);
    this.pages.push({ title, kind });
  }

  private block(uid: string): void {
    if (this.seenBlocks.has(uid)) return;
    this.seenBlocks.add(uid);
    this.blockUids.push(uid);
  }

  private visitAll(nodes: readonly Inline[]): void {
    for (const node of nodes) this.visit(node);
  }

  visit(node: MarkupNode): void {
    switch (node.type) {
      case "block":
        for (const child of node.children) this.visit(child);
        return;
      case "attribute":
        this.page(node.key, "attribute");
        this.visitAll(node.children);
        return;
      case "quote":
        this.visitAll(node.children);
        return;
      case "pageLink":
        this.page(node.title, "link");
        this.visitAll(node.children);
        return;
      case "tag":
        this.page(node.title, "tag");
        this.visitAll(node.children);
        return;
      case "alias":
        this.visitAll(node.children);
        this.visit(node.target);
        return;
      case "blockRef":
        this.block(node.uid);
        return;
      case "embed":
        if (node.linked) this.page("embed", "link");
        this.visit(node.target);
        return;
      case "todo":
        this.page(node.state, "link");
        return;
      case "slider":
        if (node.syntax === "{{[[slider]]}}") this.page("slider", "link");
        return;
      case "component":
        if (node.linked) this.page(node.name, "link");
        this.visitAll(node.children);
        return;
      case "bold":
      case "italic":
      case "highlight":
      case "strike":
        this.visitAll(node.children);
        return;
      case "text":
      case "url":
      case "image":
      case "code":
      case "codeBlock":
      case "math":
        return;
    }
  }
}
