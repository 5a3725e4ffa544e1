// Block trees on the clipboard: what Ctrl+C / Ctrl+X put there and what Ctrl+V makes of it.
// Three flavours go out: text/plain as an indented outline in Roam's layout (for other apps),
// text/html as nested lists (for rich editors), and Loam's own JSON, which alone keeps props
// (headings, collapsed, slider values). It travels twice: as a custom type, and as a `data-loam`
// attribute on the HTML's root list, because browsers only pass custom types between pages
// through "web custom formats", which not all of them support. Pure: the UI's copy, cut and
// paste handlers move the strings in and out of the DataTransfer and apply the ops.
import { generateNKeysBetween } from "fractional-indexing";
import { z } from "zod";
import type { Caret, Edit } from "../outline/edits";
import { applyPrimitives, type PrimitiveOp } from "../outline/primitive";
import { MAX_CONTENT_LENGTH } from "../outline/schema";
import { ancestorsOf, childrenOf, getBlock, hasChildren, type BlockProps, type Tree } from "../outline/tree";
import { findHtmlAttribute, formatHtmlList, hasHtmlListItems, htmlToText, readHtmlOutline } from "./html-list";
import { formatOutlineText, parseOutlineText, type OutlineNode } from "./outline-text";

/** The custom clipboard type; also the name the HTML flavour's `data-loam` attribute stands for. */
export const LOAM_MIME = "application/x-loam-blocks+json";
/** The attribute on the HTML flavour's root `<ul>` that carries the same JSON. */
export const LOAM_HTML_ATTRIBUTE = "data-loam";

/** A block as copied: its text, its props as they were, its children; no uid, no place. */
export type ClipNode = { content: string; props: BlockProps; children: ClipNode[] };

export type ClipboardContent = { kind: "text"; text: string } | { kind: "blocks"; nodes: ClipNode[] };

/** The clipboard's flavours as read in a paste event (`getData` gives "" for a missing one). */
export type ClipboardData = { loam?: string; html?: string; plain?: string };

// ——— Copying ———

/**
 * The subtrees of `roots`, in the order given, each with all its descendants (collapsed ones
 * too). A root inside another root's subtree, a repeated root or an unknown uid is skipped.
 */
export function clipNodesOf(tree: Tree, roots: readonly string[]): ClipNode[] {
  const rootSet = new Set(roots);
  const result: ClipNode[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    if (seen.has(root) || !getBlock(tree, root) || ancestorsOf(tree, root).some((uid) => rootSet.has(uid))) continue;
    seen.add(root);
    const stack: { uid: string; into: ClipNode[] }[] = [{ uid: root, into: result }];
    for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
      const block = getBlock(tree, entry.uid);
      if (!block) continue;
      const node: ClipNode = { content: block.content, props: block.props, children: [] };
      entry.into.push(node);
      const children = childrenOf(tree, entry.uid);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ uid: children[i] as string, into: node.children });
    }
  }
  return result;
}

/** Loam's JSON for `nodes`: the custom flavour, and the value of the HTML's `data-loam`. */
export function formatLoamJson(nodes: readonly ClipNode[]): string {
  return JSON.stringify({ loam: 1, blocks: nodes });
}

/**
 * The three flavours for copying `nodes`. `plain` is Roam's layout (`- a` / `    - b`, lines of
 * a multi-line block aligned under its text), even for a single block, so that every paste
 * reads it back exactly; `html` is nested lists of the raw markup with the JSON on the root;
 * `loam` is the JSON. Put them on the clipboard as text/plain, text/html and LOAM_MIME.
 */
export function copyPayload(nodes: readonly ClipNode[]): { plain: string; html: string; loam: string } {
  const loam = formatLoamJson(nodes);
  return { plain: formatOutlineText(nodes), html: formatHtmlList(nodes, { [LOAM_HTML_ATTRIBUTE]: loam }), loam };
}

// ——— Reading ———

const loamNodeSchema = z.object({ content: z.string(), props: z.record(z.string(), z.unknown()), children: z.array(z.unknown()) });
const loamSchema = z.object({ loam: z.literal(1), blocks: z.array(z.unknown()) });

/**
 * Loam's JSON read back, or undefined when it is not JSON of that shape (then the paste falls
 * through to the next flavour). Each node is checked on its own, walking with an explicit
 * stack, so a deep tree cannot exhaust the call stack the way a recursive schema would.
 */
export function parseLoamJson(json: string): ClipNode[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  const root = loamSchema.safeParse(data);
  if (!root.success) return undefined;
  const result: ClipNode[] = [];
  const stack: { value: unknown; into: ClipNode[] }[] = root.data.blocks.map((value) => ({ value, into: result })).reverse();
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const parsed = loamNodeSchema.safeParse(entry.value);
    if (!parsed.success) return undefined;
    const node: ClipNode = { content: parsed.data.content, props: parsed.data.props, children: [] };
    entry.into.push(node);
    for (let i = parsed.data.children.length - 1; i >= 0; i--) stack.push({ value: parsed.data.children[i], into: node.children });
  }
  return result;
}

/** Outline nodes (which have no props) as clip nodes, without recursion. */
function clipNodesFromOutline(nodes: readonly OutlineNode[]): ClipNode[] {
  const result: ClipNode[] = [];
  const stack = nodes.map((node) => ({ node, into: result })).reverse();
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const clip: ClipNode = { content: entry.node.content, props: {}, children: [] };
    entry.into.push(clip);
    for (let i = entry.node.children.length - 1; i >= 0; i--) stack.push({ node: entry.node.children[i] as OutlineNode, into: clip.children });
  }
  return result;
}

/** Nothing is "", a lone block without children or props is text for the caret, anything else is blocks. */
function contentOf(nodes: ClipNode[]): ClipboardContent {
  const [first] = nodes;
  if (!first) return { kind: "text", text: "" };
  if (nodes.length === 1 && first.children.length === 0 && Object.keys(first.props).length === 0) return { kind: "text", text: first.content };
  return { kind: "blocks", nodes };
}

// The outline reader's bullet, to tell a bulleted outline from prose (outline-text.ts keeps its own).
const BULLET_LINE = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/m;
// A `- ` outline is what Roam, Logseq and other markdown outliners put in text/plain, with the
// raw markup that their text/html has rendered away (`[[page]]` become a bare "page").
const DASH_OUTLINE = /^\s*-(?:\s|$)/;

/**
 * Plain text as pasted content: an outline (Roam's four spaces, Logseq's tabs, two spaces, odd
 * indentation) or paragraphs becomes blocks; one line or one paragraph is text for the caret,
 * kept as it was (spaces included) but for blank lines around it.
 */
export function readPlainText(text: string): ClipboardContent {
  const normalized = text.replace(/\r\n?/g, "\n");
  if (normalized.trim() === "") return { kind: "text", text: "" };
  const content = contentOf(clipNodesFromOutline(parseOutlineText(normalized)));
  if (content.kind === "text" && !BULLET_LINE.test(normalized)) {
    return { kind: "text", text: normalized.replace(/^(?:[ \t]*\n)+/, "").replace(/(?:\n[ \t]*)+$/, "") };
  }
  return content;
}

/**
 * What a paste brings, from the richest flavour there is: Loam's JSON (custom type, else the
 * HTML's `data-loam`), then an HTML list (unless text/plain is itself a `- ` outline, which
 * keeps the raw markup), then the plain text, then the HTML's paragraphs. A flavour that does
 * not parse is passed over. One line or one childless block without props is text for the
 * caret; several paragraphs or blocks, or a block with children or props, are blocks.
 */
export function readClipboard(data: ClipboardData): ClipboardContent {
  const fromLoam = data.loam ? parseLoamJson(data.loam) : undefined;
  if (fromLoam) return contentOf(fromLoam);
  const html = data.html ?? "";
  const embedded = html ? findHtmlAttribute(html, LOAM_HTML_ATTRIBUTE) : undefined;
  const fromEmbedded = embedded === undefined ? undefined : parseLoamJson(embedded);
  if (fromEmbedded) return contentOf(fromEmbedded);
  if (html && hasHtmlListItems(html) && !DASH_OUTLINE.test(data.plain ?? "")) {
    return contentOf(clipNodesFromOutline(readHtmlOutline(html)));
  }
  if (data.plain) return readPlainText(data.plain);
  if (html) return contentOf(clipNodesFromOutline(readHtmlOutline(html)));
  return { kind: "text", text: "" };
}

/**
 * Ctrl+Shift+V: everything as text for the one block. text/plain as it is (CRLF as LF), else
 * the HTML's text, else the blocks of Loam's JSON as an outline.
 */
export function readAsText(data: ClipboardData): string {
  if (data.plain) return data.plain.replace(/\r\n?/g, "\n");
  if (data.html) return htmlToText(data.html);
  const nodes = data.loam ? parseLoamJson(data.loam) : undefined;
  return nodes ? formatOutlineText(nodes) : "";
}

// ——— Pasting ———

/** A pasted node in reading order, with the uid it gets and where it goes. */
type Placed = { node: ClipNode; uid: string; parent: string | null; order: string; created: boolean };

function preview(content: string): string {
  const line = content.split("\n", 1)[0] ?? "";
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/** Why the paste cannot be taken whole, when a block is too long for the database. */
function tooLong(nodes: readonly ClipNode[]): string | undefined {
  let index = 0;
  const stack = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    index += 1;
    if (node.content.length > MAX_CONTENT_LENGTH) {
      return (
        `Pasted block ${index.toLocaleString("en")} ("${preview(node.content)}") has ${node.content.length.toLocaleString("en")} characters; ` +
        `a block holds at most ${MAX_CONTENT_LENGTH.toLocaleString("en")}. Nothing was pasted.`
      );
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as ClipNode);
  }
  return undefined;
}

/**
 * Every pasted node in reading order with its uid, parent and order key. `top` are the keys
 * of the top-level nodes; each group of children gets its keys in one generateNKeysBetween
 * call, so thousands of siblings still get short keys.
 */
function place(nodes: readonly ClipNode[], parent: string | null, top: readonly string[], newUid: () => string): Placed[] {
  const placed: Placed[] = [];
  const stack: Placed[] = nodes.map((node, i) => ({ node, uid: "", parent, order: top[i] ?? "", created: true })).reverse();
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    entry.uid = newUid();
    placed.push(entry);
    const children = entry.node.children;
    if (children.length === 0) continue;
    const keys = generateNKeysBetween(null, null, children.length);
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i] as ClipNode, uid: "", parent: entry.uid, order: keys[i] ?? "", created: true });
    }
  }
  return placed;
}

/** The order keys for `count` blocks placed among `parent`'s children right after `after` (null: first). */
function keysAfter(tree: Tree, parent: string | null, after: string | null, count: number): string[] {
  const siblings = childrenOf(tree, parent);
  const index = after === null ? -1 : siblings.indexOf(after);
  const prev = index >= 0 ? (getBlock(tree, siblings[index] ?? "")?.order ?? null) : null;
  const next = getBlock(tree, siblings[index + 1] ?? "")?.order ?? null;
  return generateNKeysBetween(prev, next, count);
}

/**
 * Ctrl+V of blocks with the caret at `offset` in block `target`, as Roam does it. Into an empty
 * block without children, the first node takes the block's place (its text, props and
 * children) and the others follow as siblings; at the start of a non-empty block the nodes go
 * in as siblings just above it; anywhere else as siblings right after it (after its children).
 * Levels are kept relative to the target's. The caret ends at the end of the last pasted block.
 * A block longer than MAX_CONTENT_LENGTH refuses the whole paste, naming it.
 */
export function pasteBlocks(tree: Tree, target: string, offset: number, nodes: readonly ClipNode[], newUid: () => string): Edit {
  const block = getBlock(tree, target);
  if (!block) return { ok: false, reason: `Block ${target} does not exist` };
  const [first, ...rest] = nodes;
  if (!first) return { ok: false, reason: "Nothing to paste" };
  const problem = tooLong(nodes);
  if (problem) return { ok: false, reason: problem };

  const ops: PrimitiveOp[] = [];
  let placed: Placed[];
  try {
    if (block.content.trim() === "" && !hasChildren(tree, target)) {
      if (first.content !== block.content) ops.push({ type: "update", uid: target, content: first.content });
      if (Object.keys(first.props).length > 0 || Object.keys(block.props).length > 0) ops.push({ type: "setProps", uid: target, props: first.props });
      const children = place(first.children, target, generateNKeysBetween(null, null, first.children.length), newUid);
      const siblings = place(rest, block.parent, keysAfter(tree, block.parent, target, rest.length), newUid);
      placed = [{ node: first, uid: target, parent: block.parent, order: block.order, created: false }, ...children, ...siblings];
    } else {
      const siblings = childrenOf(tree, block.parent);
      const before = block.content.trim() !== "" && offset <= 0;
      const after = before ? (siblings[siblings.indexOf(target) - 1] ?? null) : target;
      placed = place(nodes, block.parent, keysAfter(tree, block.parent, after, nodes.length), newUid);
    }
  } catch (error) {
    // fractional-indexing throws on neighbours out of order: a damaged page, not a bad paste.
    return { ok: false, reason: `Cannot order the pasted blocks here: ${error instanceof Error ? error.message : String(error)}` };
  }
  for (const entry of placed) {
    if (!entry.created) continue;
    const props = Object.keys(entry.node.props).length > 0 ? { props: entry.node.props } : {};
    ops.push({ type: "create", uid: entry.uid, parent: entry.parent, order: entry.order, content: entry.node.content, ...props });
  }
  // The same rules as every other edit (applied on one working copy: fast for 10,000 blocks).
  const checked = applyPrimitives(tree, ops);
  if (!checked.ok) return { ok: false, reason: checked.reason };
  const last = placed.at(-1);
  const caret: Caret | undefined = last && { uid: last.uid, offset: last.node.content.length };
  return { ok: true, ops, caret };
}
