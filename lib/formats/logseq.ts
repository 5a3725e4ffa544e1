// Logseq's markdown graph: `pages/*.md` and `journals/yyyy_MM_dd.md`, tab-indented bullets,
// `key:: value` properties (a page's at the top of its file, a block's under its first line),
// `id::` block uuids that `((uuid))` references point at, task markers, and journal links written
// in the graph's own title format. Everything becomes Roam markup, and what Loam has no place
// for stays in the text or under `props.source`, so nothing the file said is lost.
import { format, isValid, parse } from "date-fns";
import { dailyTitle, type IsoDay } from "../markup/daily";
import { derivedUid, type GraphBlock, type GraphPage, type GraphReport } from "./graph";
import { readMarkdownOutline, type TextBlock } from "./markdown-outline";
import { repairedText } from "./read-text";
import { headingOf } from "./roam-markdown";

/** What the reader needs from `logseq/config.edn`. */
export interface LogseqConfig {
  /** `:journal/page-title-format`: how journal links are written ("MMM do, yyyy"). */
  journalTitleFormat: string;
  /** `:journal/file-name-format`: journal file names ("yyyy_MM_dd"). */
  journalFileFormat: string;
  /** `:file/name-format`: `:triple-lowbar` writes `a/b` as `a___b.md`; older graphs as `a%2Fb.md`. */
  fileNameFormat: "triple-lowbar" | "legacy";
}

export const DEFAULT_LOGSEQ_CONFIG: LogseqConfig = {
  journalTitleFormat: "MMM do, yyyy",
  journalFileFormat: "yyyy_MM_dd",
  fileNameFormat: "legacy",
};

/** `text` without EDN comments (`;` to the end of the line, outside strings). */
function withoutComments(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const char = line[i];
        if (char === "\\") i++;
        else if (char === '"') inString = !inString;
        else if (char === ";" && !inString) return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

/**
 * The settings the reader needs from `config.edn`, read by pattern rather than by a full EDN
 * parser: they are top-level keys with a string or keyword value, and anything unreadable
 * leaves Logseq's default.
 */
export function parseLogseqConfig(text: string): LogseqConfig {
  const edn = withoutComments(text);
  const stringOf = (key: string) => new RegExp(`${key}\\s+"((?:[^"\\\\]|\\\\.)*)"`).exec(edn)?.[1];
  const nameFormat = /:file\/name-format\s+:([\w-]+)/.exec(edn)?.[1];
  return {
    journalTitleFormat: stringOf(":journal/page-title-format") ?? DEFAULT_LOGSEQ_CONFIG.journalTitleFormat,
    journalFileFormat: stringOf(":journal/file-name-format") ?? DEFAULT_LOGSEQ_CONFIG.journalFileFormat,
    fileNameFormat: nameFormat === "triple-lowbar" ? "triple-lowbar" : "legacy",
  };
}

/** The day `text` names in `pattern` (date-fns tokens, which Logseq's formats are), any case. */
function dayIn(text: string, pattern: string): IsoDay | undefined {
  if (!/\d/.test(text)) return undefined;
  let date: Date;
  try {
    date = parse(text, pattern, new Date(2000, 0, 1));
  } catch {
    return undefined; // a pattern date-fns cannot read
  }
  if (!isValid(date) || format(date, pattern).toLowerCase() !== text.toLowerCase()) return undefined;
  return format(date, "yyyy-MM-dd");
}

/** The day of a journal file (`journals/2026_11_28.md` → 2026-11-28), or undefined. */
export function journalDayOfPath(path: string, config: LogseqConfig = DEFAULT_LOGSEQ_CONFIG): IsoDay | undefined {
  const match = /(?:^|\/)journals\/([^/]+)\.(?:md|markdown|org)$/i.exec(path);
  return match ? dayIn(match[1] ?? "", config.journalFileFormat) : undefined;
}

function urlDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a lone "%" is just a character
  }
}

/**
 * The title Logseq gives a page file when it has no `title::`: the name without its extension,
 * `___` read as `/` in the triple-lowbar format, and URL escapes (`%3F`, `%2F`) decoded.
 */
export function logseqTitleOfPath(path: string, config: LogseqConfig = DEFAULT_LOGSEQ_CONFIG): string {
  const name = (path.split("/").at(-1) ?? path).replace(/\.(md|markdown|org)$/i, "");
  return urlDecoded(config.fileNameFormat === "triple-lowbar" ? name.replace(/___/g, "/") : name);
}

const PROPERTY = /^([^\s:][^\s]*?):: ?(.*)$/;
const MARKER = /^(TODO|DOING|LATER|NOW|DONE)(?: |$)/;
const UID = /^[A-Za-z0-9_-]{1,64}$/;
const LINK = /\[\[([^[\]]+)\]\]/g;

// Link texts already looked at (date-fns parsing is slow and graphs repeat their links); cleared
// when it grows, so it stays small.
const journalLinkCache = new Map<string, string | null>();

/** `[[Nov 28th, 2026]]` (a journal in the graph's title format) as Loam's daily title. */
export function rewriteJournalLinks(text: string, config: LogseqConfig): string {
  if (!text.includes("[[")) return text;
  return text.replace(LINK, (whole, inner: string) => {
    const key = `${config.journalTitleFormat}\u0000${inner}`;
    let title = journalLinkCache.get(key);
    if (title === undefined) {
      const day = dayIn(inner, config.journalTitleFormat);
      title = day === undefined ? null : dailyTitle(day);
      if (journalLinkCache.size >= 10_000) journalLinkCache.clear();
      journalLinkCache.set(key, title);
    }
    return title === null ? whole : `[[${title}]]`;
  });
}

/**
 * Reading state shared by every page of one graph: the `id::` uuids seen so far, to catch
 * duplicates (only those: derived uids cannot meet them, and keeping every block's would grow
 * with the graph).
 */
export interface LogseqContext {
  config: LogseqConfig;
  report: GraphReport;
  uids: Set<string>;
}

export function newLogseqContext(config: LogseqConfig, report: GraphReport): LogseqContext {
  return { config, report, uids: new Set() };
}

function isPropertyBlock(lines: readonly string[]): boolean {
  return lines.length > 0 && lines.every((line) => PROPERTY.test(line));
}

/** Page properties as an ordered record (`alias:: a, b` stays the text it was). */
function propertiesOf(lines: readonly string[]): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const line of lines) {
    const match = PROPERTY.exec(line);
    if (match) properties[match[1] ?? ""] = (match[2] ?? "").trim();
  }
  return properties;
}

/**
 * Parses one Logseq page file (`path` as in the graph: `pages/a___b.md`, `journals/2026_11_28.md`).
 * A journal becomes the daily page of its day; its title is Loam's daily title.
 */
export function parseLogseqPage(path: string, text: string, context: LogseqContext): GraphPage {
  const { config, report } = context;

  // Text before the first bullet makes blocks too (Logseq writes page properties there).
  const top = readMarkdownOutline(text, { starBullets: false, leading: "blocks", headingBlocks: true }).blocks;

  // A first block of nothing but `key:: value` lines holds the page's properties.
  const firstLines = top[0]?.text.split("\n") ?? [];
  const properties = isPropertyBlock(firstLines) ? propertiesOf(firstLines) : {};
  const day = journalDayOfPath(path, config);
  const titleProperty = properties.title;
  const rawTitle = day !== undefined ? dailyTitle(day) : titleProperty !== undefined && titleProperty !== "" ? titleProperty : logseqTitleOfPath(path, config);
  const title = repairedText(rawTitle, `${path} (title)`, report);

  const toBlock = (source: TextBlock, position: number[]): GraphBlock => {
    const where = `${path} line ${source.line}`;
    const lines = repairedText(source.text, where, report).split("\n");
    // Block properties: the `key:: value` lines right under the first line (or from the first
    // line, for a block of properties only).
    let start = PROPERTY.test(lines[0] ?? "") ? 0 : 1;
    const props: Record<string, unknown> = {};
    const source_: Record<string, unknown> = {};
    let uid: string | undefined;
    let createdAt: number | null = null;
    let updatedAt: number | null = null;
    const kept: string[] = start === 0 ? [] : [lines[0] ?? ""];
    for (; start < lines.length; start++) {
      const line = lines[start] ?? "";
      const match = PROPERTY.exec(line);
      if (!match) break;
      const key = (match[1] ?? "").toLowerCase();
      const value = (match[2] ?? "").trim();
      if (key === "id") {
        if (!UID.test(value)) report.problems.push({ where, message: `The block id "${value}" is not a usable uid; the block gets a new one.` });
        else if (context.uids.has(value)) report.problems.push({ where, message: `The block id ${value} appears twice; this block gets a new one.` });
        else {
          uid = value;
          continue;
        }
        kept.push(line);
      } else if (key === "collapsed") {
        if (value === "true") props.collapsed = true;
      } else {
        // Block timestamps (`:feature/enable-block-time?`) give the block's times; the lines stay.
        if ((key === "created-at" || key === "created_at") && /^\d{13}$/.test(value)) createdAt = Number(value);
        if ((key === "updated-at" || key === "updated_at") && /^\d{13}$/.test(value)) updatedAt = Number(value);
        kept.push(line);
      }
    }
    kept.push(...lines.slice(start));

    let content = rewriteJournalLinks(kept.join("\n"), config);
    const heading = headingOf(content);
    content = heading.content;
    if (heading.heading !== undefined) props.heading = heading.heading;
    const marker = MARKER.exec(content);
    if (marker) {
      const keyword = marker[1] ?? "";
      content = `${keyword === "DONE" ? "{{[[DONE]]}}" : "{{[[TODO]]}}"}${content.slice(keyword.length)}`;
      source_.marker = keyword;
    }
    if (Object.keys(source_).length > 0) props.source = source_;
    if (uid !== undefined) context.uids.add(uid);
    const blockUid = uid ?? derivedUid("logseq", title, position);
    return {
      uid: blockUid,
      content,
      props,
      createdAt,
      updatedAt,
      children: source.children.map((child, index) => toBlock(child, [...position, index])),
    };
  };

  const pageSource: Record<string, unknown> = { file: path };
  if (Object.keys(properties).length > 0) pageSource.properties = properties;
  return {
    title,
    uid: null,
    dailyDate: day ?? null,
    props: { source: pageSource },
    createdAt: null,
    updatedAt: null,
    children: top.map((block, index) => toBlock(block, [index])),
  };
}
