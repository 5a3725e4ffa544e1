// Outlines as indented text: what Roam exports and copies (`- a` / `    - b`, four spaces a
// level), what Logseq writes (tabs), what people paste from elsewhere (two spaces, `*`, `1.`),
// and what Loam puts on the clipboard. One reader for all of them, levels taken relative to
// the lines above (so odd indentation still nests sensibly), and one writer in Roam's layout.

export type OutlineNode = { content: string; children: OutlineNode[] };

const BULLET = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(.*)$/;

type Open = { width: number; node: OutlineNode; contentColumn: number };

/** The width of leading white space, a tab counting as four columns (Roam's level). */
export function widthOf(indent: string): number {
  let width = 0;
  for (const char of indent) width += char === "\t" ? 4 : 1;
  return width;
}

/** Removes up to `columns` columns of leading white space. */
export function dedent(line: string, columns: number): string {
  let width = 0;
  let index = 0;
  while (index < line.length && width < columns) {
    const char = line[index];
    if (char !== " " && char !== "\t") break;
    width += char === "\t" ? 4 : 1;
    index += 1;
  }
  return line.slice(index);
}

function paragraphs(lines: string[]): OutlineNode[] {
  const result: OutlineNode[] = [];
  let current: string[] = [];
  const close = () => {
    if (current.length > 0) result.push({ content: current.join("\n"), children: [] });
    current = [];
  };
  for (const line of lines) {
    if (line.trim() === "") close();
    else current.push(line.trimEnd());
  }
  close();
  return result;
}

/**
 * Reads an outline. Bulleted lines are blocks, nested by indentation relative to the lines
 * above; a line without a bullet continues the block above (a multi-line block), blank lines
 * inside it kept. Text with no bullet at all is one block per paragraph.
 */
export function parseOutlineText(text: string): OutlineNode[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (!lines.some((line) => BULLET.test(line))) return paragraphs(lines);

  const roots: OutlineNode[] = [];
  const stack: Open[] = [];
  let blanks = 0;
  let last: Open | undefined;
  for (const line of lines) {
    const bullet = BULLET.exec(line);
    if (!bullet) {
      if (line.trim() === "") {
        blanks += 1;
        continue;
      }
      if (!last) {
        // Text before the first bullet: a block of its own, as if bulleted where it stands
        // (Logseq writes a page's first block without "- ", its children indented below it).
        const node: OutlineNode = { content: line.trim(), children: [] };
        roots.push(node);
        const column = widthOf(/^[ \t]*/.exec(line)?.[0] ?? "");
        last = { width: column, node, contentColumn: column };
        stack.push(last);
        continue;
      }
      last.node.content += "\n".repeat(blanks + 1) + dedent(line, last.contentColumn).trimEnd();
      blanks = 0;
      continue;
    }
    blanks = 0;
    const width = widthOf(bullet[1] ?? "");
    const node: OutlineNode = { content: (bullet[2] ?? "").trimEnd(), children: [] };
    while (stack.length > 0 && (stack.at(-1)?.width ?? -1) >= width) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.node.children.push(node);
    else roots.push(node);
    const contentColumn = widthOf(line.slice(0, line.length - (bullet[2] ?? "").length).replace(/[^ \t]/g, " "));
    last = { width, node, contentColumn };
    stack.push(last);
  }
  return roots;
}

/** Writes an outline as Roam lays it out: `- ` bullets, four spaces a level, continuation lines aligned. */
export function formatOutlineText(nodes: readonly OutlineNode[], level = 0): string {
  const lines: string[] = [];
  const walk = (list: readonly OutlineNode[], depth: number) => {
    for (const node of list) {
      const indent = "    ".repeat(depth);
      const [first = "", ...rest] = node.content.split("\n");
      lines.push(`${indent}- ${first}`.trimEnd());
      for (const line of rest) lines.push(line === "" ? "" : `${indent}  ${line}`);
      walk(node.children, depth + 1);
    }
  };
  walk(nodes, level);
  return lines.join("\n");
}
