// Writes a graph as Roam's JSON export, page by page: an async generator of text chunks (one
// per page), so the whole graph is never one string.
//
// A page or block read from Roam JSON (roam-json.ts; it has `props.source`) is written with
// exactly the keys it came with: its source fields verbatim, Loam's columns in Roam's fields, and
// no field it did not have (a 2020 page without a uid stays without one). Exceptions:
// - `refs` and `:block/refs` are left out once the block's text changed in Loam (they are derived
//   from the text, and stale ones would lie; Roam derives them again on import);
// - Loam's props with no Roam field (collapsed, slider values) go under `:loam/props`.
// A page or block made in Loam gets Roam's fields: `title`, `uid` (a daily page `MM-dd-yyyy` as
// Roam names them, another page a stable uid from its title), `string`, `children`,
// `create-time`, `edit-time`, `heading`, `text-align`.
// Keys are written in alphabetical order, as Roam writes them.
import { derivedUid, type GraphBlock, type GraphPage } from "./graph";
import { DERIVED_FROM_TEXT, LOAM_PROPS, loamOnlyProps, SOURCE_TEXT, textFingerprint } from "./roam-json-fields";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function sortedKeys(node: Json): Json {
  const out: Json = {};
  for (const key of Object.keys(node).sort()) out[key] = node[key];
  return out;
}

/** The uid Roam gives a daily page: "11-28-2026" for 2026-11-28. */
export function dailyPageUid(day: string): string {
  const [year, month, date] = day.split("-");
  return `${month}-${date}-${year}`;
}

function roamBlock(block: GraphBlock): Json {
  const { source: rawSource, heading, textAlign } = block.props;
  const source = isObject(rawSource) ? rawSource : undefined;
  const node: Json = { ...source };
  // A `string` or `uid` in source is a value Loam could not take (the reader gave the block an
  // empty text or a derived uid): the file's value goes back out unless the block changed since.
  if (!(source && "string" in source && block.content === "")) node.string = block.content;
  if (!(source && "uid" in source)) node.uid = block.uid;
  if (block.createdAt !== null) node["create-time"] = block.createdAt;
  if (block.updatedAt !== null) node["edit-time"] = block.updatedAt;
  if (heading === 1 || heading === 2 || heading === 3) node.heading = heading;
  if (typeof textAlign === "string") node["text-align"] = textAlign;
  if (source && block.props[SOURCE_TEXT] !== textFingerprint(block.content)) {
    for (const key of DERIVED_FROM_TEXT) delete node[key];
  }
  const loamProps = loamOnlyProps(block.props);
  if (Object.keys(loamProps).length > 0) node[LOAM_PROPS] = loamProps;
  else delete node[LOAM_PROPS];
  if (block.children.length > 0) node.children = block.children.map(roamBlock);
  return sortedKeys(node);
}

/** One page as Roam's JSON object (keys in Roam's order). */
export function roamPage(page: GraphPage): Json {
  const rawSource = page.props.source;
  const source = isObject(rawSource) ? rawSource : undefined;
  const node: Json = { ...source };
  const spelled = source?.title;
  node.title = typeof spelled === "string" && spelled.normalize("NFC") === page.title ? spelled : page.title;
  if (page.uid !== null) node.uid = page.uid;
  else if (!source) node.uid = page.dailyDate !== null ? dailyPageUid(page.dailyDate) : derivedUid("roam-json", page.title, []);
  if (page.createdAt !== null) node["create-time"] = page.createdAt;
  if (page.updatedAt !== null) node["edit-time"] = page.updatedAt;
  if (page.children.length > 0) node.children = page.children.map(roamBlock);
  return sortedKeys(node);
}

/** The graph as Roam JSON text, a chunk per page: `[`, pages separated by `,`, `]`. */
export async function* writeRoamJson(pages: AsyncIterable<GraphPage> | Iterable<GraphPage>): AsyncGenerator<string> {
  let first = true;
  yield "[";
  for await (const page of pages) {
    yield (first ? "" : ",") + JSON.stringify(roamPage(page));
    first = false;
  }
  yield "]";
}
