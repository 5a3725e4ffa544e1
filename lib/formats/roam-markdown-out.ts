// Writes pages as Roam's markdown export does: one `.md` file a page, `- ` bullets, four spaces a
// level, continuation lines of multi-line blocks aligned under the text (roam-to-git leaves them
// at the margin; aligned, a reader knows which block they belong to: outline-text.ts), a heading block as
// `# ` / `## ` / `### `, a page without blocks as an empty file; and the whole graph as a zip,
// streamed (fflate's Zip: each page is deflated and handed on as soon as it is added, so the
// archive is never whole in memory).
//
// File names (reversible: titleOfZipPath undoes zipPathOfTitle, and the Roam markdown reader may
// use it):
// - a `/` in a title is a folder, as in Roam's export (`a/b` → `a/b.md`); a title with an empty,
//   `.` or `..` part is written flat instead, its slashes escaped;
// - `%`, the characters Windows or macOS refuse in names (`< > : " \ | ? *`), control characters
//   (line breaks), and a part's trailing `.` or space are written `%XX` (their UTF-8 bytes);
//   so is the first letter of a part that Windows reserves (CON, NUL, COM1...);
// - titles that differ only in case (`Slider`, `slider`) must not overwrite each other where
//   file names ignore case (macOS, Windows): the first keeps its name; each later one has its
//   upper-case letters and its first letter written `%XX`, a name no other title can get.
import { Zip, ZipDeflate } from "fflate";

import type { GraphBlock, GraphPage } from "./graph";

const HEADING_MARK = { 1: "# ", 2: "## ", 3: "### " } as const;

function writeBlocks(blocks: readonly GraphBlock[], depth: number, lines: string[]): void {
  const indent = "    ".repeat(depth);
  for (const block of blocks) {
    const heading = block.props.heading;
    const mark = heading === 1 || heading === 2 || heading === 3 ? HEADING_MARK[heading] : "";
    const [first = "", ...rest] = (mark + block.content).split("\n");
    // The text as typed, trailing spaces included (Roam's export keeps them; an empty block is "- ").
    lines.push(`${indent}- ${first}`);
    for (const line of rest) lines.push(line === "" ? "" : `${indent}  ${line}`);
    writeBlocks(block.children, depth + 1, lines);
  }
}

/** One page as Roam-style markdown; a page without blocks is the empty string. */
export function pageMarkdown(page: GraphPage): string {
  if (page.children.length === 0) return "";
  const lines: string[] = [];
  writeBlocks(page.children, 0, lines);
  return `${lines.join("\n")}\n`;
}

const encoder = new TextEncoder();

function percentEncode(char: string): string {
  return Array.from(encoder.encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const UNSAFE = /[%<>:"\\|?*\u0000-\u001f\u007f]/gu;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

function escapePart(part: string): string {
  let out = part.replace(UNSAFE, percentEncode);
  // Windows drops a trailing dot or space from a name: keep it by escaping it.
  out = out.replace(/[. ]+$/u, (tail) => Array.from(tail, percentEncode).join(""));
  if (RESERVED.test(out)) out = percentEncode(out[0]!) + out.slice(1);
  return out;
}

/** The file a title is written to, before telling apart titles that differ only in case. */
export function zipPathOfTitle(title: string): string {
  const parts = title.split("/");
  const foldable = parts.every((part) => part !== "" && part !== "." && part !== "..");
  if (!foldable) return `${escapePart(title).replace(/\//g, "%2F")}.md`;
  return `${parts.map(escapePart).join("/")}.md`;
}

/** The title a file written by this module holds. */
export function titleOfZipPath(path: string): string {
  return decodeURIComponent(path.replace(/\.md$/, ""));
}

/** Escapes a path's upper-case letters and its first letter, so it differs in more than case. */
function caseDistinct(path: string): string {
  let escapedFirst = false;
  let out = "";
  // Escapes already in the path (%XX) are copied as they are.
  for (let i = 0; i < path.length; ) {
    if (path[i] === "%") {
      out += path.slice(i, i + 3);
      i += 3;
      continue;
    }
    const char = String.fromCodePoint(path.codePointAt(i)!);
    i += char.length;
    const cased = char.toLowerCase() !== char.toUpperCase();
    if (cased && (!escapedFirst || char !== char.toLowerCase())) {
      escapedFirst = true;
      out += percentEncode(char);
    } else out += char;
  }
  return out;
}

/** Paths for a stream of titles, no two equal when case is ignored. */
export class ZipPaths {
  private readonly used = new Set<string>();

  pathOf(title: string): string {
    let path = zipPathOfTitle(title);
    if (this.used.has(path.toLowerCase())) path = `${caseDistinct(path.slice(0, -".md".length))}.md`;
    this.used.add(path.toLowerCase());
    return path;
  }
}

// The zip format cannot date a file before 1980.
const EARLIEST_ZIP_TIME = Date.UTC(1980, 0, 2);

/**
 * The graph as a zip of Roam-style markdown files, as bytes while the pages come (a chunk or a
 * few per page, then the central directory).
 */
export async function* writeRoamMarkdownZip(pages: AsyncIterable<GraphPage> | Iterable<GraphPage>): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else ready.push(data);
  });
  const paths = new ZipPaths();
  for await (const page of pages) {
    const file = new ZipDeflate(paths.pathOf(page.title), { level: 6 });
    const time = page.updatedAt ?? page.createdAt;
    if (time !== null) file.mtime = Math.max(time, EARLIEST_ZIP_TIME);
    zip.add(file);
    // ZipDeflate is synchronous: the file's bytes are in `ready` when push returns.
    file.push(encoder.encode(pageMarkdown(page)), true);
    if (failure) throw failure;
    yield* ready.splice(0);
  }
  zip.end();
  if (failure) throw failure;
  yield* ready.splice(0);
}
