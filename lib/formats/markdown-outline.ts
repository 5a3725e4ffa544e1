// The outline of a markdown page as Roam and Logseq write it, before either dialect is applied:
// bulleted lines (`- `, tolerant of `* `, tabs and any consistent indentation) nested by
// indentation relative to the lines above, continuation lines joined to their block, code fences
// whose lines are never bullets, and the lines that come before the first bullet. Every block
// keeps the line it starts on, so a problem can say where it is.
//
// lib/formats/outline-text.ts reads pasted outlines, where `1.` lists and paragraphs matter; an
// export needs line numbers and fences, and must not take a continuation line "1. …" for a block.
import { dedent, widthOf } from "./outline-text";

export interface TextBlock {
  /** The block's lines joined with "\n", each dedented past its bullet. */
  text: string;
  /** 1-based line of the bullet. */
  line: number;
  children: TextBlock[];
}

export interface LeadingLine {
  text: string;
  line: number;
}

export interface MarkdownOutline {
  /** Non-blank lines before the first bullet (Roam pages without bullets, Logseq page properties). */
  leading: LeadingLine[];
  blocks: TextBlock[];
}

// A bullet needs white space after it (or nothing): "**bold**" and "-1" are text. Logseq writes
// only `-`; inside its blocks a `* ` line is a markdown list in the block's text.
const DASH_OR_STAR = /^([ \t]*)[-*](?:[ \t]+(.*)|)$/;
const DASH = /^([ \t]*)-(?:[ \t]+(.*)|)$/;

export interface OutlineOptions {
  /** Also take `* ` lines for bullets (pasted or hand-written Roam-style pages). Default true. */
  starBullets?: boolean;
  /**
   * Text before the first bullet: `"lines"` (default) returns it as `leading`, line by line (Roam
   * writes a page without bullets one block a line); `"blocks"` makes each run of it (up to a
   * blank line) a block that later bullets can nest under (Logseq writes a page's properties and
   * sometimes its first block without a dash, with tab-indented children below).
   */
  leading?: "lines" | "blocks";
  /** A markdown heading at the start of a line (`## x`, no dash) starts a block (Logseq does). */
  headingBlocks?: boolean;
}
const FENCE = "```";

function fenceCount(text: string): number {
  let count = 0;
  for (let at = text.indexOf(FENCE); at !== -1; at = text.indexOf(FENCE, at + FENCE.length)) count += 1;
  return count;
}

/** The text of a file as lines: BOM dropped, CRLF and lone CR as line ends. */
export function linesOf(text: string): string[] {
  return (text.startsWith("\uFEFF") ? text.slice(1) : text).replace(/\r\n?/g, "\n").split("\n");
}

/**
 * Reads the outline of `text`. A line whose text starts with ``` and leaves a fence open opens a
 * code block when a later line closes it (Roam ends one with "…```", Logseq with a "```" line);
 * until then every line, bulleted or blank, belongs to the block. An unclosed fence is text.
 */
export function readMarkdownOutline(text: string, options: OutlineOptions = {}): MarkdownOutline {
  const BULLET = options.starBullets === false ? DASH : DASH_OR_STAR;
  const lines = linesOf(text);
  // The next line (index) holding a fence mark, for the "a later line closes it" check.
  const nextFence = new Array<number>(lines.length + 1).fill(-1);
  for (let i = lines.length - 1; i >= 0; i--) nextFence[i] = (lines[i] ?? "").includes(FENCE) ? i : (nextFence[i + 1] ?? -1);

  const leading: LeadingLine[] = [];
  const blocks: TextBlock[] = [];
  const stack: { width: number; block: TextBlock }[] = [];
  let last: { block: TextBlock; contentColumn: number; parts: string[]; leading: boolean } | undefined;
  let blanks = 0;
  let inFence = false;

  const flush = () => {
    if (last) last.block.text = last.parts.join("\n");
  };
  const opensFence = (content: string, index: number) =>
    content.trimStart().startsWith(FENCE) && fenceCount(content) % 2 === 1 && (nextFence[index + 1] ?? -1) !== -1;
  /** A new block at indentation `width`, nested under the nearest block indented less. */
  const open = (width: number, content: string, index: number, isLeading: boolean) => {
    flush();
    blanks = 0;
    const block: TextBlock = { text: content, line: index + 1, children: [] };
    while (stack.length > 0 && (stack.at(-1)?.width ?? -1) >= width) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.block.children.push(block);
    else blocks.push(block);
    stack.push({ width, block });
    // A bullet's text starts two columns past its dash; a line without one, where it stands.
    last = { block, contentColumn: isLeading ? width : width + 2, parts: [content], leading: isLeading };
    if (opensFence(content, index)) inFence = true;
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (inFence && last) {
      last.parts.push(...Array<string>(blanks).fill(""), dedent(line, last.contentColumn));
      blanks = 0;
      if (fenceCount(line) % 2 === 1) inFence = false;
      continue;
    }
    const bullet = BULLET.exec(line);
    if (!bullet) {
      if (line.trim() === "") {
        blanks += 1;
        continue;
      }
      const startsBlock =
        (options.leading === "blocks" && (!last || (last.leading && blanks > 0))) || (options.headingBlocks === true && /^#{1,6} /.test(line));
      if (startsBlock) {
        const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
        open(widthOf(indent), line.slice(indent.length), index, true);
        continue;
      }
      if (!last) {
        leading.push({ text: line, line: index + 1 });
        continue;
      }
      const content = dedent(line, last.contentColumn);
      last.parts.push(...Array<string>(blanks).fill(""), content);
      blanks = 0;
      if (opensFence(content, index)) inFence = true;
      continue;
    }
    open(widthOf(bullet[1] ?? ""), bullet[2] ?? "", index, false);
  }
  flush();
  return { leading, blocks };
}
