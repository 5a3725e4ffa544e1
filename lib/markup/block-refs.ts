// Renaming block uids inside text: an import that gives a block a new uid (its own collided
// with another block of the graph) points the `((uid))` references of the import at it.
import type { MarkupNode } from "./ast";
import { parse } from "./parse";

/** Every `((uid))` of a parse tree with its span, embeds and alias targets included. */
function blockRefSpans(node: unknown, into: { start: number; end: number; uid: string }[]): void {
  if (typeof node !== "object" || node === null) return;
  if (Array.isArray(node)) {
    for (const child of node) blockRefSpans(child, into);
    return;
  }
  const record = node as Partial<MarkupNode> & Record<string, unknown>;
  if (record.type === "blockRef" && typeof record.uid === "string" && typeof record.start === "number" && typeof record.end === "number") {
    into.push({ start: record.start, end: record.end, uid: record.uid });
    return;
  }
  if ("children" in record) blockRefSpans(record.children, into);
  if ("target" in record) blockRefSpans(record.target, into);
}

/**
 * `text` with each `((uid))` whose uid is a key of `renamed` pointing at the new uid; `((uid))`
 * inside code stays as written (it is not a reference there). Text with none is returned as is.
 */
export function renameBlockRefs(text: string, renamed: ReadonlyMap<string, string>): string {
  if (renamed.size === 0 || !text.includes("((")) return text;
  const spans: { start: number; end: number; uid: string }[] = [];
  blockRefSpans(parse(text), spans);
  let out = "";
  let at = 0;
  for (const span of spans.sort((a, b) => a.start - b.start)) {
    const to = renamed.get(span.uid);
    if (to === undefined) continue;
    out += text.slice(at, span.start) + `((${to}))`;
    at = span.end;
  }
  return at === 0 ? text : out + text.slice(at);
}
