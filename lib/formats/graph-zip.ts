// A zip of markdown pages on disk: Roam's markdown export (one `.md` a page, folders for the
// `/`s of titles) or a Logseq graph (`pages/`, `journals/`, `logseq/config.edn`), read page by
// page. The whole central directory is checked before any page is read (entry count, sizes,
// compression ratio, paths that would escape the folder), so a hostile archive fails before
// anything is yielded; then each entry is inflated only when its page is asked for, under a byte
// cap, so memory holds one page at a time whatever the archive's size.
//
// yauzl (MIT, maintained since 2014, 100M+ downloads a month) because it reads the central
// directory first and lazily, opens one entry's stream at a time from the file by random
// access, and checks each entry's inflated size against the size it declares; fflate's
// streaming unzip walks local headers in file order instead (which a zip does not require to
// agree with its directory) and its whole-archive API needs the file in memory.
import { promisify } from "node:util";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { GraphReadError, type GraphPage, type GraphReport, type GraphSource } from "./graph";
import { DEFAULT_LOGSEQ_CONFIG, newLogseqContext, parseLogseqConfig, parseLogseqPage, type LogseqConfig } from "./logseq";
import { decodeTextFile } from "./read-text";
import { parseRoamMarkdownPage, titleOfMarkdownPath } from "./roam-markdown";

export interface ZipLimits {
  /** Entries in the central directory, folders included. */
  maxEntries: number;
  /** Sum of every entry's declared uncompressed size. */
  maxTotalBytes: number;
  /** One entry's uncompressed size (declared, and as actually inflated). */
  maxEntryBytes: number;
  /**
   * Uncompressed size over compressed size, for entries (and the archive) past `ratioFloorBytes`:
   * text compresses 3–10×, a zip bomb a thousandfold.
   */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntryBytes: 32 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

// Code page 437, the zip format's default for names without the UTF-8 flag: bytes 0x80–0xFF.
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

function decodeCp437(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte < 0x80 ? String.fromCharCode(byte) : (CP437_HIGH[byte - 0x80] ?? "?");
  return out;
}

/**
 * An entry's name: UTF-8 when flagged or given in Info-ZIP's Unicode path field; otherwise UTF-8
 * when the bytes are valid UTF-8 (macOS's Archive Utility writes UTF-8 without the flag), else
 * code page 437. NFC, since macOS writes decomposed names.
 */
function entryName(entry: Entry): string {
  const raw = entry.fileNameRaw;
  const unicodePath = entry.extraFields.find((field) => field.id === 0x7075);
  if (unicodePath && unicodePath.data.length > 5 && unicodePath.data[0] === 1) return unicodePath.data.subarray(5).toString("utf8").normalize("NFC");
  if ((entry.generalPurposeBitFlag & 0x800) !== 0) return raw.toString("utf8").normalize("NFC");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw).normalize("NFC");
  } catch {
    return decodeCp437(raw);
  }
}

/** Why `name` may not be unpacked, or undefined when it stays inside the folder. */
function unsafePath(name: string): string | undefined {
  if (name.includes("\\")) return `The zip holds a path with a backslash, which could escape its folder: "${name}".`;
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) return `The zip holds an absolute path: "${name}".`;
  if (name.split("/").includes("..")) return `The zip holds a path that escapes its folder: "${name}".`;
  if (name.includes("\u0000")) return `The zip holds a path with a NUL character: ${JSON.stringify(name)}.`;
  return undefined;
}

interface ZipItem {
  name: string;
  entry: Entry;
}

const openZip = promisify<string, yauzl.Options, ZipFile>(yauzl.open);

async function open(filePath: string): Promise<ZipFile> {
  try {
    return await openZip(filePath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES") throw error; // the server's mistake, not the user's file
    throw new GraphReadError("This file is not a zip archive, or it is damaged or truncated.");
  }
}

/** Every entry of the central directory (metadata only; nothing is inflated). */
function listEntries(zip: ZipFile, limits: ZipLimits): Promise<ZipItem[]> {
  if (zip.entryCount > limits.maxEntries) {
    return Promise.reject(new GraphReadError(`The zip holds ${zip.entryCount} files; at most ${limits.maxEntries} can be imported.`));
  }
  return new Promise((resolve, reject) => {
    const items: ZipItem[] = [];
    zip.on("entry", (entry: Entry) => {
      items.push({ name: entryName(entry), entry });
      zip.readEntry();
    });
    zip.on("end", () => resolve(items));
    zip.on("error", () => reject(new GraphReadError("This zip archive is damaged or truncated.")));
    zip.readEntry();
  });
}

function checkEntries(items: readonly ZipItem[], limits: ZipLimits): void {
  const mib = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
  let total = 0;
  let compressed = 0;
  for (const { name, entry } of items) {
    const unsafe = unsafePath(name);
    if (unsafe) throw new GraphReadError(unsafe);
    if (entry.isEncrypted()) throw new GraphReadError(`The zip is encrypted ("${name}"); export it again without a password.`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new GraphReadError(`"${name}" uses a compression method Loam cannot read (${entry.compressionMethod}); zip it again with the standard method.`);
    }
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      throw new GraphReadError(`"${name}" is ${mib(entry.uncompressedSize)} uncompressed; one file may be at most ${mib(limits.maxEntryBytes)}.`);
    }
    if (entry.uncompressedSize >= limits.ratioFloorBytes && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
      throw new GraphReadError(`"${name}" inflates more than ${limits.maxRatio} times its compressed size: this looks like a zip bomb.`);
    }
    total += entry.uncompressedSize;
    compressed += entry.compressedSize;
  }
  if (total > limits.maxTotalBytes) throw new GraphReadError(`The zip holds ${mib(total)} uncompressed; at most ${mib(limits.maxTotalBytes)} can be imported.`);
  if (total >= limits.ratioFloorBytes && total > limits.maxRatio * Math.max(1, compressed)) {
    throw new GraphReadError(`The zip inflates more than ${limits.maxRatio} times its size: this looks like a zip bomb.`);
  }
}

/** One entry's bytes, inflated under the per-entry cap whatever the entry declared. */
async function readEntryBytes(zip: ZipFile, item: ZipItem, limits: ZipLimits): Promise<Uint8Array> {
  const openStream = promisify(zip.openReadStream.bind(zip)) as (entry: Entry) => Promise<NodeJS.ReadableStream>;
  let stream: NodeJS.ReadableStream;
  try {
    stream = await openStream(item.entry);
  } catch {
    throw new GraphReadError(`"${item.name}" cannot be read: the zip is damaged or truncated.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limits.maxEntryBytes) throw new GraphReadError(`"${item.name}" inflates to more than it declares: this looks like a zip bomb.`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof GraphReadError) throw error;
    const message = error instanceof Error ? error.message : "";
    if (/too many bytes/.test(message)) throw new GraphReadError(`"${item.name}" inflates to more than it declares: this looks like a zip bomb.`);
    throw new GraphReadError(`"${item.name}" cannot be read: the zip is damaged or truncated.`);
  } finally {
    if ("destroy" in stream && typeof stream.destroy === "function") (stream as { destroy: () => void }).destroy();
  }
  return Buffer.concat(chunks, size);
}

/** Operating-system clutter that no one exported on purpose. */
function isClutter(name: string): boolean {
  return name.startsWith("__MACOSX/") || /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/i.test(name);
}

interface Layout {
  format: "roam-markdown" | "logseq";
  /** The Logseq graph's folder inside the zip ("" or "my-graph/"). */
  root: string;
}

/**
 * Logseq when the zip has `logseq/config.edn`, or all its markdown sits under `pages/` and
 * `journals/` (at the top or in one folder); otherwise Roam markdown, whose titles are the paths.
 */
export function detectLayout(names: readonly string[]): Layout {
  const config = names.find((name) => /^([^/]+\/)?logseq\/config\.edn$/.test(name));
  if (config !== undefined) return { format: "logseq", root: config.slice(0, config.length - "logseq/config.edn".length) };
  const pages = names.filter((name) => /\.(md|markdown|org)$/i.test(name) && !isClutter(name));
  for (const root of new Set(pages.map((name) => /^([^/]+\/)?/.exec(name)?.[0] ?? ""))) {
    const inGraph = (name: string) => name.startsWith(`${root}pages/`) || name.startsWith(`${root}journals/`);
    if (pages.length > 0 && pages.every(inGraph)) return { format: "logseq", root };
  }
  return { format: "roam-markdown", root: "" };
}

function isPage(name: string): boolean {
  return /\.(md|markdown)$/i.test(name);
}

/**
 * Opens a zip on disk and reads it page by page (see the top of this file). Throws a
 * GraphReadError for anything that makes the archive unreadable or unsafe, before any page.
 */
export async function readGraphZip(filePath: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<GraphSource> {
  const zip = await open(filePath);
  let items: ZipItem[];
  try {
    items = await listEntries(zip, limits);
    checkEntries(items, limits);
  } finally {
    zip.close();
  }
  const files = items.filter((item) => !item.name.endsWith("/") && !isClutter(item.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const layout = detectLayout(files.map((item) => item.name));
  const report: GraphReport = { format: layout.format, problems: [], repairs: [] };
  return { report, pages: layout.format === "logseq" ? logseqPages(filePath, files, layout.root, limits, report) : roamPages(filePath, files, limits, report) };
}

/** The text of an entry, or undefined (with a problem) when it is not text. */
async function entryText(zip: ZipFile, item: ZipItem, where: string, limits: ZipLimits, report: GraphReport): Promise<string | undefined> {
  const bytes = await readEntryBytes(zip, item, limits);
  try {
    return decodeTextFile(bytes, where, report);
  } catch (error) {
    if (!(error instanceof GraphReadError)) throw error;
    report.problems.push({ where, message: "Not a text file; skipped." });
    return undefined;
  }
}

async function* roamPages(filePath: string, files: readonly ZipItem[], limits: ZipLimits, report: GraphReport): AsyncGenerator<GraphPage> {
  const zip = await open(filePath);
  try {
    for (const item of files) {
      if (!isPage(item.name)) {
        report.problems.push({ where: item.name, message: "Not a markdown page; skipped." });
        continue;
      }
      const title = titleOfMarkdownPath(item.name);
      if (title.trim() === "" || title.endsWith("/")) {
        report.problems.push({ where: item.name, message: "A page file without a title; skipped." });
        continue;
      }
      const text = await entryText(zip, item, item.name, limits, report);
      if (text !== undefined) yield parseRoamMarkdownPage(title, text, item.name, report);
    }
  } finally {
    zip.close();
  }
}

async function* logseqPages(filePath: string, files: readonly ZipItem[], root: string, limits: ZipLimits, report: GraphReport): AsyncGenerator<GraphPage> {
  const zip = await open(filePath);
  try {
    let config: LogseqConfig = DEFAULT_LOGSEQ_CONFIG;
    const configItem = files.find((item) => item.name === `${root}logseq/config.edn`);
    if (configItem) {
      const text = await entryText(zip, configItem, "logseq/config.edn", limits, report);
      if (text !== undefined) config = parseLogseqConfig(text);
    }
    const context = newLogseqContext(config, report);
    // Files that are not pages are counted per folder and reported once each.
    const skipped = new Map<string, number>();
    for (const item of files) {
      const path = item.name.slice(root.length);
      const inGraph = item.name.startsWith(root) && (path.startsWith("pages/") || path.startsWith("journals/"));
      if (inGraph && /\.org$/i.test(path)) {
        report.problems.push({ where: path, message: "Org-mode pages are not imported; only markdown pages are." });
        continue;
      }
      if (!inGraph || !isPage(path)) {
        // Logseq's own folder (settings, backups, the recycle bin) is not content.
        if (!path.startsWith("logseq/")) {
          const folder = /^[^/]*\//.exec(path)?.[0] ?? path;
          skipped.set(folder, (skipped.get(folder) ?? 0) + 1);
        }
        continue;
      }
      const text = await entryText(zip, item, path, limits, report);
      if (text !== undefined) yield parseLogseqPage(path, text, context);
    }
    for (const [folder, count] of skipped) {
      report.problems.push({ where: folder, message: `${count} file${count === 1 ? "" : "s"} not imported (only pages/ and journals/ markdown is: images and other attachments stay out).` });
    }
  } finally {
    zip.close();
  }
}
