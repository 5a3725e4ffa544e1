// Reads Roam Research's JSON export (the whole graph: an array of pages, each a tree of blocks)
// page by page while the bytes arrive, so the memory a read takes is one page's, whatever the
// file's size (json-array-stream.ts splits the array; each page goes to JSON.parse).
//
// Both layouts Roam has written are read: 2022 (`:create/user`, `:edit/user`, `:log/id`,
// `:block/refs`, `:block/props`, `refs`) and 2020 (`create-email`, `edit-email`, no refs, pages
// without uid). Loam maps what it has columns for (`title`, `uid`, `string`, `create-time`,
// `edit-time`, `heading` 1–3, `text-align`, `children`); every other key, and any mapped key whose
// value Loam cannot take as is, stays verbatim under `props.source`, which roam-json-out.ts writes
// back, so read then written the file comes back deep-equal. `props.source` is present (maybe
// `{}`) on every page and block read here: it marks them as Roam JSON's, so the writer adds no
// field the source did not have.
import { dayOfDailyTitle } from "../markup/daily";

import { repairMojibake } from "./encoding";
import { DERIVED_FROM_TEXT, LOAM_PROPS, loamOnlyProps, SOURCE_TEXT, textFingerprint } from "./roam-json-fields";
import { derivedUid, GraphReadError, type GraphBlock, type GraphPage, type GraphReport, type GraphSource } from "./graph";
import { JsonArrayError, jsonArrayElements } from "./json-array-stream";

/** Deeper blocks are left out with a problem: no outliner shows them, and recursion must end. */
export const MAX_ROAM_DEPTH = 500;

const UID = /^[\w-]{1,64}$/;
const EXAMPLE_LENGTH = 60;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

function example(text: string): string {
  return text.length > EXAMPLE_LENGTH ? `${text.slice(0, EXAMPLE_LENGTH)}…` : text;
}

function countBlocks(children: unknown): number {
  if (!Array.isArray(children)) return 0;
  // Iterative: the subtree being counted is the one too deep to recurse into.
  let count = 0;
  const stack: unknown[] = [...(children as unknown[])];
  while (stack.length > 0) {
    const node = stack.pop();
    count += 1;
    if (isObject(node) && Array.isArray(node.children)) stack.push(...(node.children as unknown[]));
  }
  return count;
}

class PageReader {
  constructor(
    private readonly report: GraphReport,
    private readonly fileName: string,
  ) {}

  private problem(where: string, message: string): void {
    this.report.problems.push({ where: `${this.fileName} ${where}`, message });
  }

  private repaired(where: string, text: string): string {
    const result = repairMojibake(text);
    if (!result.repaired) return text;
    this.report.repairs.push({ where: `${this.fileName} ${where}`, before: example(text), after: example(result.text) });
    return result.text;
  }

  /** A page object, or null (with a problem) when it has no usable title. */
  page(raw: unknown, index: number): GraphPage | null {
    const at = `page ${index + 1}`;
    if (!isObject(raw)) {
      this.problem(at, `is not a page (found ${Array.isArray(raw) ? "an array" : typeof raw === "object" ? "null" : `a ${typeof raw}`}); skipped`);
      return null;
    }
    const rawTitle = raw.title;
    if (typeof rawTitle !== "string" || rawTitle.trim() === "") {
      const blocks = countBlocks(raw.children);
      const found = rawTitle === undefined ? "has no title" : typeof rawTitle === "string" ? "has an empty title" : `has a title that is not text (${JSON.stringify(rawTitle)})`;
      this.problem(at, `${found}; skipped with its ${blocks} block${blocks === 1 ? "" : "s"}`);
      return null;
    }
    const where = `${at} "${example(rawTitle)}"`;
    const repairedTitle = this.repaired(where, rawTitle);
    const title = repairedTitle.normalize("NFC");
    const source: Json = {};
    let uid: string | null = null;
    let createdAt: number | null = null;
    let updatedAt: number | null = null;
    let children: GraphBlock[] = [];
    for (const [key, value] of Object.entries(raw)) {
      switch (key) {
        case "title":
          // Kept only when Unicode normalisation changed it: the writer then writes the title
          // as the file spelled it unless the page was renamed. (A repaired title is written
          // repaired: the repair is the point.)
          if (title !== repairedTitle) source.title = repairedTitle;
          break;
        case "uid":
          if (typeof value === "string" && UID.test(value)) uid = value;
          else {
            this.problem(where, `has a uid Loam cannot use (${JSON.stringify(value)}); kept as is for export`);
            source.uid = value;
          }
          break;
        case "create-time":
          if (isTime(value)) createdAt = value;
          else source[key] = value;
          break;
        case "edit-time":
          if (isTime(value)) updatedAt = value;
          else source[key] = value;
          break;
        case "children":
          children = this.blocks(value, title, where, [], 1);
          break;
        default:
          source[key] = value;
      }
    }
    return { title, uid, dailyDate: dayOfDailyTitle(title) ?? null, props: { source }, createdAt, updatedAt, children };
  }

  private blocks(raw: unknown, title: string, pageWhere: string, position: number[], depth: number): GraphBlock[] {
    if (!Array.isArray(raw)) {
      this.problem(`${pageWhere}${position.length > 0 ? ` block ${position.map((n) => n + 1).join(".")}` : ""}`, "has children that are not a list; they were left out");
      return [];
    }
    const out: GraphBlock[] = [];
    (raw as unknown[]).forEach((child, n) => {
      const block = this.block(child, title, pageWhere, [...position, n], depth);
      if (block !== null) out.push(block);
    });
    return out;
  }

  private block(raw: unknown, title: string, pageWhere: string, position: number[], depth: number): GraphBlock | null {
    const where = `${pageWhere} block ${position.map((n) => n + 1).join(".")}`;
    if (!isObject(raw)) {
      this.problem(where, "is not a block (not an object); skipped");
      return null;
    }
    if (depth > MAX_ROAM_DEPTH) {
      const blocks = 1 + countBlocks(raw.children);
      this.problem(where, `is nested deeper than ${MAX_ROAM_DEPTH} levels; it and the ${blocks - 1} blocks under it were left out`);
      return null;
    }
    const source: Json = {};
    const props: Record<string, unknown> = {};
    let uid: string | undefined;
    let content = "";
    let createdAt: number | null = null;
    let updatedAt: number | null = null;
    let children: GraphBlock[] = [];
    let hasString = false;
    for (const [key, value] of Object.entries(raw)) {
      switch (key) {
        case "string":
          if (typeof value === "string") {
            hasString = true;
            content = this.repaired(where, value);
          } else source[key] = value;
          break;
        case "uid":
          if (typeof value === "string" && UID.test(value)) uid = value;
          else source[key] = value;
          break;
        case "create-time":
          if (isTime(value)) createdAt = value;
          else source[key] = value;
          break;
        case "edit-time":
          if (isTime(value)) updatedAt = value;
          else source[key] = value;
          break;
        case "heading":
          if (value === 1 || value === 2 || value === 3) props.heading = value;
          else source[key] = value;
          break;
        case "text-align":
          if (typeof value === "string") props.textAlign = value;
          else source[key] = value;
          break;
        case "children":
          children = this.blocks(value, title, pageWhere, position, depth + 1);
          break;
        case LOAM_PROPS:
          // Loam's own props, as roam-json-out.ts writes them for a file that comes back.
          if (isObject(value)) Object.assign(props, loamOnlyProps(value));
          else source[key] = value;
          break;
        default:
          source[key] = value;
      }
    }
    if (DERIVED_FROM_TEXT.some((key) => key in source)) props[SOURCE_TEXT] = textFingerprint(content);
    if (!hasString) {
      const found = "string" in raw ? `text that is not a string (${JSON.stringify(raw.string)})` : "no text (`string`)";
      this.problem(where, `has ${found}; read as an empty block`);
    }
    if (uid === undefined) {
      uid = derivedUid("roam-json", title, position);
      const found = "uid" in raw ? `a uid Loam cannot use (${JSON.stringify(raw.uid)})` : "no uid";
      this.problem(where, `has ${found}; given ${uid}`);
    }
    props.source = source;
    return { uid, content, props, createdAt, updatedAt, children };
  }
}

export interface ReadRoamJsonOptions {
  /** How problems name the file ("lxyer.json"); default "the JSON file". */
  fileName?: string;
}

/**
 * The pages of a Roam JSON export, yielded as they are parsed. Input that is not such a file
 * (not JSON, truncated, not an array, not UTF-8) throws GraphReadError from the iteration, with
 * where it broke; a page or block that is malformed is a problem in `report.problems` and the
 * rest is still read.
 */
export function readRoamJson(chunks: AsyncIterable<Uint8Array>, options: ReadRoamJsonOptions = {}): GraphSource {
  const fileName = options.fileName ?? "the JSON file";
  const report: GraphReport = { format: "roam-json", problems: [], repairs: [] };
  const reader = new PageReader(report, fileName);
  async function* pages(): AsyncGenerator<GraphPage> {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    try {
      for await (const element of jsonArrayElements(chunks)) {
        let text: string;
        try {
          text = decoder.decode(element.bytes);
        } catch {
          throw new GraphReadError(`${fileName} is not UTF-8 text (page ${element.index + 1}, from byte ${element.offset})`);
        }
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          const detail = error instanceof Error ? `: ${error.message}` : "";
          throw new GraphReadError(`${fileName} is not valid JSON in page ${element.index + 1} (from byte ${element.offset})${detail}`);
        }
        const page = reader.page(value, element.index);
        if (page !== null) yield page;
      }
    } catch (error) {
      if (error instanceof JsonArrayError) {
        throw new GraphReadError(`${fileName} is not a Roam JSON export: ${error.message} (at byte ${error.offset})`);
      }
      throw error;
    }
  }
  return { report, pages: pages() };
}
