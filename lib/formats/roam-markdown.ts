// Roam's markdown export: one page a file, titled by the file name (in a zip, folders are the
// `/`s of the title). `- ` bullets four spaces a level, continuation lines for multi-line
// blocks, `# `…`### ` for headings; a page written without bullets is one block a line.
// Roam puts no uids in markdown, so each block gets `derivedUid` from the title and its place.
import { dayOfDailyTitle } from "../markup/daily";
import { derivedUid, GraphReadError, type GraphBlock, type GraphPage, type GraphReport, type GraphSource } from "./graph";
import { readMarkdownOutline, type TextBlock } from "./markdown-outline";
import { decodeTextFile, repairedText } from "./read-text";

const HEADING = /^(#{1,3}) (.*)$/s;

/** A block's text with a leading `# `…`### ` turned into `props.heading` (what Roam exports it from). */
export function headingOf(text: string): { content: string; heading: 1 | 2 | 3 | undefined } {
  const match = HEADING.exec(text);
  if (!match) return { content: text, heading: undefined };
  return { content: match[2] ?? "", heading: (match[1] ?? "#").length as 1 | 2 | 3 };
}

/** The page title a markdown file name stands for: the name (with its folders) minus `.md`. */
export function titleOfMarkdownPath(path: string): string {
  return path.replace(/\.(md|markdown)$/i, "");
}

/**
 * Parses one Roam markdown page. `where` names the file in problems and repairs; the title is
 * repaired and NFC-normalised like every string.
 */
export function parseRoamMarkdownPage(rawTitle: string, text: string, where: string, report: GraphReport): GraphPage {
  const title = repairedText(rawTitle, `${where} (title)`, report);
  const outline = readMarkdownOutline(text);

  const toBlock = (line: number, raw: string, position: number[], children: TextBlock[]): GraphBlock => {
    const { content, heading } = headingOf(repairedText(raw, `${where} line ${line}`, report));
    return {
      uid: derivedUid("roam-markdown", title, position),
      content,
      props: heading === undefined ? {} : { heading },
      createdAt: null,
      updatedAt: null,
      children: children.map((child, index) => toBlock(child.line, child.text, [...position, index], child.children)),
    };
  };

  // A page exported without bullets (or lines before its first bullet): each line is a block.
  const top = [
    ...outline.leading.map((lead) => ({ line: lead.line, text: lead.text, children: [] as TextBlock[] })),
    ...outline.blocks,
  ];
  return {
    title,
    uid: null,
    dailyDate: dayOfDailyTitle(title) ?? null,
    props: {},
    createdAt: null,
    updatedAt: null,
    children: top.map((block, index) => toBlock(block.line, block.text, [index], block.children)),
  };
}

/**
 * One uploaded `.md` page. The title is the file name minus `.md` unless `options.title` (the
 * user may edit it in the preview). A file that is not text is a GraphReadError.
 */
export function readMarkdownPage(fileName: string, bytes: Uint8Array, options: { title?: string } = {}): GraphSource {
  const report: GraphReport = { format: "roam-markdown", problems: [], repairs: [] };
  const baseName = fileName.split(/[/\\]/).at(-1) ?? fileName;
  const title = options.title ?? titleOfMarkdownPath(baseName);
  if (title.trim() === "") throw new GraphReadError("The page needs a title.");
  // Decoded now, so a binary upload fails at once rather than when its page is asked for.
  const text = decodeTextFile(bytes, baseName, report);
  async function* pages(): AsyncGenerator<GraphPage> {
    yield parseRoamMarkdownPage(title, text, baseName, report);
  }
  return { report, pages: pages() };
}
