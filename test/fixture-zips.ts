// The markdown graphs of ../shared/fixtures as the zips a user would upload, and the plain
// reading of their files that import tests count against (never the importer's own output).
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { writeZip } from "./zip-writer";

export interface SourceFile {
  /** Path inside the graph folder, `/`-separated. */
  path: string;
  bytes: Buffer;
  text: string;
}

export function filesUnder(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const bytes = readFileSync(full);
        out.push({ path: relative(dir, full).split("\\").join("/"), bytes, text: bytes.toString("utf8") });
      }
    }
  };
  walk(dir);
  return out;
}

/** `files` zipped into a fresh temporary folder, under `prefix` ("" or "graph/"). */
export function zipOf(files: readonly SourceFile[], prefix = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "loam-zip-"));
  return writeZip(
    join(dir, "graph.zip"),
    files.map((file) => ({ name: prefix + file.path, data: file.bytes })),
  );
}

/** Occurrences of `pattern` (a global regex) in `text`. */
export function occurrences(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

/**
 * Blocks of a Logseq page: bulleted lines and `#` heading lines at the start of a line outside
 * code blocks, and before the first bullet a block per paragraph (or heading).
 */
export function logseqBlocks(text: string): number {
  let count = 0;
  let fence = false;
  let seenBullet = false;
  let previousBlank = true;
  for (const line of text.split(/\r?\n/)) {
    const heading = /^#{1,6} /.test(line);
    if (!fence) {
      if (/^\s*-( |$)/.test(line)) {
        count++;
        seenBullet = true;
      } else if (heading) count++;
      else if (!seenBullet && line.trim() !== "" && previousBlank) count++;
    }
    previousBlank = line.trim() === "";
    const body = line.replace(/^\s*(- )?/, "");
    if (body.startsWith("```") && (fence || occurrences(body, /```/g) % 2 === 1)) fence = !fence;
  }
  return count;
}

/**
 * Blocks of an org page: headlines (`*`… at the start of a line, outside source blocks), plus a
 * block for the `#+KEY:` lines at the top and one for any other text before the first headline.
 */
export function orgBlocks(text: string): number {
  const lines = text.split(/\r?\n/);
  let count = 0;
  let src = false;
  for (const line of lines) {
    if (/^\s*#\+BEGIN_SRC/i.test(line)) src = true;
    else if (/^\s*#\+END_SRC/i.test(line)) src = false;
    else if (!src && /^\*+[ \t]/.test(line)) count++;
  }
  const first = lines.findIndex((line) => /^\*+[ \t]/.test(line));
  const before = (first === -1 ? lines : lines.slice(0, first)).filter((line) => line.trim() !== "");
  const keywords = before.findIndex((line) => !/^#\+\w[\w-]*:/.test(line));
  const keywordCount = keywords === -1 ? before.length : keywords;
  return count + Math.min(1, keywordCount) + Math.min(1, before.length - keywordCount);
}
