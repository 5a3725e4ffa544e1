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
import { parseLogseqOrgPage } from "./logseq-org";
import { DEFAULT_LOGSEQ_CONFIG, newLogseqContext, parseLogseqConfig, parseLogseqPage, type LogseqConfig } from "./logseq";
import { decodeTextFile, reiterablePages } from "./read-text";
import { parseRoamMarkdownPage, titleOfMarkdownPath } from "./roam-markdown";

export interface ZipLimits {
  /** Entries in the central directory, folders included. */
  maxEntries: number;
  /** Sum of every entry's declared uncompressed size. */
  maxTotalBytes: number;
  /** One page's uncompressed size (declared, and as actually inflated); a JSON export has the total. */
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

/** A page is capped at `maxEntryBytes`; a JSON export, which is a whole graph streamed, at the total. */
function entryCap(name: string, limits: ZipLimits): number {
  return /\.json$/i.test(name) ? limits.maxTotalBytes : limits.maxEntryBytes;
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
    const cap = entryCap(name, limits);
    if (entry.uncompressedSize > cap) {
      throw new GraphReadError(`"${name}" is ${mib(entry.uncompressedSize)} uncompressed; one file may be at most ${mib(cap)}.`);
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

/** One entry's bytes as they inflate, under the per-entry cap whatever the entry declared. */
async function* entryChunks(zip: ZipFile, item: ZipItem, limits: ZipLimits): AsyncGenerator<Buffer> {
  const openStream = promisify(zip.openReadStream.bind(zip)) as (entry: Entry) => Promise<NodeJS.ReadableStream>;
  let stream: NodeJS.ReadableStream;
  try {
    stream = await openStream(item.entry);
  } catch {
    throw new GraphReadError(`"${item.name}" cannot be read: the zip is damaged or truncated.`);
  }
  const bomb = () => new GraphReadError(`"${item.name}" inflates to more than it declares: this looks like a zip bomb.`);
  let size = 0;
  try {
    const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        const message = error instanceof Error ? error.message : "";
        if (/too many bytes/.test(message)) throw bomb();
        throw new GraphReadError(`"${item.name}" cannot be read: the zip is damaged or truncated.`);
      }
      if (next.done) return;
      size += next.value.length;
      if (size > entryCap(item.name, limits)) throw bomb();
      yield next.value;
    }
  } finally {
    if ("destroy" in stream && typeof stream.destroy === "function") (stream as { destroy: () => void }).destroy();
  }
}

/** One entry's bytes (a page: small, and capped). */
async function readEntryBytes(zip: ZipFile, item: ZipItem, limits: ZipLimits): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of entryChunks(zip, item, limits)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Operating-system clutter that no one exported on purpose. */
function isClutter(name: string): boolean {
  return name.startsWith("__MACOSX/") || /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/i.test(name);
}

interface Layout {
  format: "roam-markdown" | "logseq" | "roam-json";
  /** The Logseq graph's folder inside the zip ("" or "my-graph/"); Roam JSON's file. */
  root: string;
}

/**
 * Logseq when the zip has `logseq/config.edn`, or all its markdown sits under `pages/` and
 * `journals/` (at the top or in one folder); Roam JSON when it holds one `.json` file and no
 * pages (Roam's "Export All" as JSON is such a zip); otherwise Roam markdown, whose titles are
 * the paths.
 */
export function detectLayout(names: readonly string[]): Layout {
  const json = names.filter((name) => /\.json$/i.test(name) && !isClutter(name));
  const json0 = json[0];
  if (json.length === 1 && json0 !== undefined && !names.some((name) => /\.(md|markdown|org)$/i.test(name) && !isClutter(name))) {
    return { format: "roam-json", root: json0 };
  }
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
 * Each pass over `pages` opens the file again (and closes it when the pass ends or stops).
 */
/** The Roam JSON reader (lib/formats/roam-json.ts), passed in for zips of a JSON export. */
export type RoamJsonReader = (chunks: AsyncIterable<Uint8Array>, fileName: string) => GraphSource;

export async function readGraphZip(filePath: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS, options: { roamJson?: RoamJsonReader } = {}): Promise<GraphSource> {
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
  if (layout.format === "roam-json") {
    const item = files.find((file) => file.name === layout.root);
    const roamJson = options.roamJson;
    if (!item || !roamJson) throw new GraphReadError(`This zip holds a JSON file (${layout.root}) and no pages; only a Roam JSON export can be read from it.`);
    return { report, pages: reiterablePages(report, () => jsonPages(filePath, item, limits, report, roamJson)) };
  }
  const read = () => (layout.format === "logseq" ? logseqPages(filePath, files, layout.root, limits, report) : roamPages(filePath, files, limits, report));
  return { report, pages: reiterablePages(report, read) };
}

/** A Roam JSON export inside the zip, streamed from its entry to the JSON reader. */
async function* jsonPages(filePath: string, item: ZipItem, limits: ZipLimits, report: GraphReport, roamJson: RoamJsonReader): AsyncGenerator<GraphPage> {
  const zip = await open(filePath);
  try {
    const inner = roamJson(entryChunks(zip, item, limits), item.name);
    // The inner reader fills its own report as it goes: carry over what is new after each page.
    const carry = () => {
      report.problems.push(...inner.report.problems.slice(report.problems.length));
      report.repairs.push(...inner.report.repairs.slice(report.repairs.length));
    };
    try {
      for await (const page of inner.pages) {
        carry();
        yield page;
      }
    } finally {
      carry();
    }
  } finally {
    zip.close();
  }
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
      const org = /\.org$/i.test(path);
      if (!inGraph || !(org || isPage(path))) {
        // Logseq's own folder (settings, backups, the recycle bin) is not content.
        if (!path.startsWith("logseq/")) {
          const folder = /^[^/]*\//.exec(path)?.[0] ?? path;
          skipped.set(folder, (skipped.get(folder) ?? 0) + 1);
        }
        continue;
      }
      const text = await entryText(zip, item, path, limits, report);
      if (text !== undefined) yield org ? parseLogseqOrgPage(path, text, context) : parseLogseqPage(path, text, context);
    }
    for (const [folder, count] of skipped) {
      report.problems.push({ where: folder, message: `${count} file${count === 1 ? "" : "s"} not imported (only the pages of pages/ and journals/ are: images and other attachments stay out).` });
    }
  } finally {
    zip.close();
  }
}
