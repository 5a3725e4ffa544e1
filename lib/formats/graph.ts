// A graph on its way into or out of Loam: what every importer (Roam JSON, Roam markdown, Logseq)
// produces page by page, and what the exporters read. Pure data, no Loam ids: the server maps it
// to rows (lib/server/imports.ts) and back.
//
// Lossless by construction: whatever a source format says that Loam has no column for is kept
// verbatim under `props.source` (Roam JSON: every key of the node except `title`, `string`,
// `uid`, `children`, `create-time`, `edit-time`, `heading`, `text-align`, `props`), and the
// exporter writes it back, so a graph exported again reads as it came in.

/** Where a page or block came from (decides how `props.source` is read back). */
export type GraphFormat = "roam-json" | "roam-markdown" | "logseq";

export interface GraphBlock {
  /**
   * The source's uid (Roam's 9-character uid, Logseq's `id::` uuid). A source without one gets a
   * deterministic uid from the page title and the block's position (`derivedUid`), so importing
   * the same file twice finds the same blocks. Letters, digits, `_` and `-`, at most 64.
   */
  uid: string;
  /** The block's text as Loam stores it: Roam markup (Logseq's TODO → `{{[[TODO]]}}` etc.). */
  content: string;
  /**
   * Loam block props (lib/outline/props.ts: `heading` 1–3, `collapsed`, `slider`...) plus
   * `textAlign` (Roam's `text-align`) and `source`: the source's other fields, verbatim.
   */
  props: Record<string, unknown>;
  /** Milliseconds since the epoch, when the source says. */
  createdAt: number | null;
  updatedAt: number | null;
  /** In order. */
  children: GraphBlock[];
}

export interface GraphPage {
  /** As written (NFC). A daily page's title is Loam's ("November 28th, 2026"). */
  title: string;
  /** The source's page uid (Roam), else null. */
  uid: string | null;
  /** `yyyy-MM-dd` for a daily page (Roam's "Nov 28th, 2026" style titles, Logseq's journals/2026_11_28.md). */
  dailyDate: string | null;
  /** The page's own fields the source had and Loam has no column for, under `source`. */
  props: Record<string, unknown>;
  createdAt: number | null;
  updatedAt: number | null;
  children: GraphBlock[];
}

/** Something the user is told before confirming an import; never silently dropped. */
export interface GraphProblem {
  /** The file and, when known, the page or line: "pages/a___b.md line 12". */
  where: string;
  message: string;
}

export interface EncodingRepair {
  where: string;
  /** A short example: the text as found and as repaired. */
  before: string;
  after: string;
}

/** What reading a source found besides its pages (filled while its pages are read). */
export interface GraphReport {
  format: GraphFormat;
  problems: GraphProblem[];
  repairs: EncodingRepair[];
}

/** A source read page by page, so a big graph never has to be in memory whole. */
export interface GraphSource {
  report: GraphReport;
  pages: AsyncIterable<GraphPage>;
}

const UID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** cyrb53: a fast 53-bit string hash (public domain), seeded. */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function base62(value: number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out += UID_ALPHABET[value % 62];
    value = Math.floor(value / 62);
  }
  return out;
}

/**
 * The uid of a block whose source gave it none: the same page title and position (indexes from
 * the page down, [0, 2] = the third child of the first top-level block) always give the same
 * 16 characters, so a file imported twice names the same blocks. Two seeded hashes, 106 bits.
 */
export function derivedUid(format: GraphFormat, title: string, position: readonly number[]): string {
  const key = `${format}\u0000${title}\u0000${position.join(".")}`;
  return base62(hash53(key, 1), 8) + base62(hash53(key, 2), 8);
}

/**
 * A source that cannot be read at all (truncated JSON, not a zip, a path escaping the folder,
 * over a size limit, a zip bomb): the message is shown to the user as is, and nothing is written.
 */
export class GraphReadError extends Error {
  override name = "GraphReadError";
}
