// The real graphs in ../shared (see fixtures/SOURCES.md) as strings to parse: the markup tests
// walk all of them and the markup benchmark measures on them. Node-only; tests and scripts use it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** `shared/` beside the repository: /work/shared on a developer's machine and in CI. */
export const SHARED_DIR = fileURLToPath(new URL("../../shared/", import.meta.url));

export function sharedExists(): boolean {
  return existsSync(SHARED_DIR);
}

/** Every markdown, org and JSON file under `dir`, sorted for a stable order. */
export function sharedFiles(dir = SHARED_DIR): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(md|org|json)$/.test(name)) files.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

export interface Bullet {
  depth: number;
  text: string;
}

/**
 * The blocks of a markdown outline: a line `<indent>- text` starts a block (Roam exports four
 * spaces a level, Logseq a tab), any other line continues the block above it. Enough for tests
 * and the benchmark; the importer has its own reader.
 */
export function outlineBlocks(markdown: string): Bullet[] {
  const blocks: Bullet[] = [];
  let current: Bullet | undefined;
  let contentIndent = 0;
  for (const line of markdown.split(/\r?\n/)) {
    const bullet = /^([ \t]*)-(?: (.*))?$/.exec(line);
    if (bullet) {
      const indent = (bullet[1] ?? "").replace(/\t/g, "    ").length;
      current = { depth: Math.floor(indent / 4), text: bullet[2] ?? "" };
      contentIndent = (bullet[1] ?? "").length + 2;
      blocks.push(current);
    } else if (current) {
      current.text += `\n${line.slice(Math.min(contentIndent, line.length - line.trimStart().length))}`;
    } else if (line.trim() !== "") {
      current = { depth: 0, text: line };
      contentIndent = 0;
      blocks.push(current);
    }
  }
  return blocks;
}

/** Every block string (and page title) of a Roam JSON export, in document order. */
export function jsonStrings(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) jsonStrings(item, into);
  } else if (value !== null && typeof value === "object") {
    for (const [key, field] of Object.entries(value)) {
      if ((key === "string" || key === "title") && typeof field === "string") into.push(field);
      else jsonStrings(field, into);
    }
  }
  return into;
}

/** The block texts of one shared file: JSON string fields, or markdown/org outline blocks. */
export function blocksOfFile(path: string): string[] {
  const text = readFileSync(path, "utf8");
  if (path.endsWith(".json")) {
    try {
      return jsonStrings(JSON.parse(text));
    } catch {
      return [text];
    }
  }
  return outlineBlocks(text).map((block) => block.text);
}
