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
