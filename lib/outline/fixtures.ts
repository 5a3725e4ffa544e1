// Readable trees for tests: outline("- a", "  - b") builds a tree from an indented list
// (two spaces a level), with uids "a", "b", ... taken from the text unless given as "text #uid".
import { generateNKeysBetween } from "fractional-indexing";
import { childrenOf, getBlock, treeOf, type BlockNode, type Tree } from "./tree";

export function outline(...lines: string[]): Tree {
  const blocks: BlockNode[] = [];
  const stack: string[] = [];
  const counts = new Map<string | null, number>();
  const parsed = lines.map((line) => {
    const match = /^( *)- (.*)$/.exec(line);
    if (!match) throw new Error(`Not an outline line: "${line}"`);
    const depth = (match[1] ?? "").length / 2;
    const raw = match[2] ?? "";
    const explicit = /^(.*?)(?:^| )#(\w+)$/.exec(raw);
    return { depth, content: explicit ? (explicit[1] ?? "") : raw, uid: explicit ? (explicit[2] ?? "") : raw };
  });
  const orders = generateNKeysBetween(null, null, Math.max(1, parsed.length));
  parsed.forEach(({ depth, content, uid }, index) => {
    stack.length = depth;
    const parent = depth === 0 ? null : (stack[depth - 1] ?? null);
    counts.set(parent, (counts.get(parent) ?? 0) + 1);
    blocks.push({ uid, parent, order: orders[index] ?? "a0", content, props: {} });
    stack[depth] = uid;
  });
  return treeOf(blocks);
}

/** The tree back as indented lines of content: what a reader sees. */
export function render(tree: Tree): string[] {
  const lines: string[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const uid of childrenOf(tree, parent)) {
      lines.push(`${"  ".repeat(depth)}- ${getBlock(tree, uid)?.content ?? "?"}`);
      walk(uid, depth + 1);
    }
  };
  walk(null, 0);
  return lines;
}
