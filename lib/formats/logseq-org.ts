// Logseq's org-mode pages (`pages/*.org`, `journals/*.org`), read as far as they map onto
// Roam markup without guessing: headlines (`*`, `**`…) are blocks nested by their stars,
// `:PROPERTIES:` drawers are block properties (`:id:` the uid), `#+TITLE:` and the other file
// keywords are page properties, `[[url][label]]` links become `[label](url)`, and
// `#+BEGIN_SRC` blocks become fences. Inline emphasis (`*bold*`, `/italic/`, `~code~`) is kept
// as written, which the report says once per file; then the page goes through the same
// Logseq conversion as a markdown one (markers, `id::`, journal links).
import type { GraphPage } from "./graph";
import { logseqPageOf, type LogseqContext } from "./logseq";
import { linesOf, type TextBlock } from "./markdown-outline";

const HEADLINE = /^(\*+)[ \t]+(.*)$/;
const KEYWORD = /^#\+([A-Za-z][\w-]*):[ \t]*(.*)$/;
const DRAWER_PROPERTY = /^[ \t]*:([^:\s]+):[ \t]*(.*)$/;
const SRC_BEGIN = /^([ \t]*)#\+BEGIN_SRC\b[ \t]*(.*)$/i;
const SRC_END = /^[ \t]*#\+END_SRC\b/i;

/** Org links as Roam markup: `[[url][label]]` → `[label](url)`, `[[page][label]]` → `[label]([[page]])`, `[[url]]` → url. */
export function orgLinksAsRoam(text: string): string {
  return text
    .replace(/\[\[([^[\]]+)\]\[([^[\]]+)\]\]/g, (_whole, target: string, label: string) =>
      /^[a-z][a-z0-9+.-]*:/i.test(target) ? `[${label}](${target})` : `[${label}]([[${target}]])`,
    )
    .replace(/\[\[((?:https?|mailto):[^[\]\s]+)\]\]/gi, "$1");
}

/** Org links converted in every line but those of code blocks. */
function orgLinksAsRoamOutsideFences(text: string): string {
  let fence = false;
  return text
    .split("\n")
    .map((line) => {
      const out = fence ? line : orgLinksAsRoam(line);
      if (line.trimStart().startsWith("```")) fence = !fence;
      return out;
    })
    .join("\n");
}

/** `line` without up to `columns` leading spaces (org indents a headline's body past its stars). */
function dedent(line: string, columns: number): string {
  let index = 0;
  while (index < columns && index < line.length && line[index] === " ") index++;
  return line.slice(index);
}

interface Open {
  block: TextBlock;
  level: number;
  first: string;
  properties: string[];
  body: string[];
  /** Still right after the headline, where a `:PROPERTIES:` drawer may come. */
  drawerAllowed: boolean;
}

export function parseLogseqOrgPage(path: string, text: string, context: LogseqContext): GraphPage {
  context.report.problems.push({
    where: path,
    message: "An org-mode page: read as an outline (links, code blocks and properties converted); inline formatting such as *bold* or /italic/ is kept as written.",
  });
  const lines = linesOf(text);
  const top: TextBlock[] = [];
  const stack: Open[] = [];
  const opened: Open[] = [];
  const pageProperties: string[] = [];
  let titleHint: string | undefined;
  let leading: Open | undefined;
  let current: Open | undefined;
  let inSrc = false;
  let inDrawer = false;

  const close = (open: Open) => {
    const texts = [open.first, ...open.properties, ...open.body];
    while (texts.length > 1 && texts.at(-1)?.trim() === "") texts.pop();
    open.block.text = orgLinksAsRoamOutsideFences(texts.join("\n"));
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (inSrc) {
      if (SRC_END.test(line)) {
        inSrc = false;
        current?.body.push("```");
      } else current?.body.push(dedent(line, (current?.level ?? 0) + 1));
      continue;
    }
    const headline = HEADLINE.exec(line);
    if (headline) {
      const level = (headline[1] ?? "").length;
      const block: TextBlock = { text: "", line: index + 1, children: [] };
      while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
      const parent = stack.at(-1);
      if (parent) parent.block.children.push(block);
      else top.push(block);
      current = { block, level, first: headline[2] ?? "", properties: [], body: [], drawerAllowed: true };
      stack.push(current);
      opened.push(current);
      continue;
    }
    if (!current && (leading === undefined || leading.body.length === 0)) {
      // File keywords before any text: page properties (`#+TITLE:` also names the page).
      const keyword = KEYWORD.exec(line);
      if (keyword && !/^BEGIN_|^END_/i.test(keyword[1] ?? "")) {
        const key = (keyword[1] ?? "").toLowerCase();
        const value = (keyword[2] ?? "").trim();
        if (key === "title") titleHint = value;
        pageProperties.push(`${key}:: ${value}`);
        continue;
      }
    }
    const target = current ?? (leading ??= { block: { text: "", line: index + 1, children: [] }, level: 0, first: "", properties: [], body: [], drawerAllowed: false });
    if (target.drawerAllowed && /^[ \t]*:PROPERTIES:[ \t]*$/i.test(line)) {
      inDrawer = true;
      target.drawerAllowed = false;
      continue;
    }
    if (inDrawer) {
      if (/^[ \t]*:END:[ \t]*$/i.test(line)) inDrawer = false;
      else {
        const property = DRAWER_PROPERTY.exec(line);
        if (property) target.properties.push(`${(property[1] ?? "").toLowerCase()}:: ${(property[2] ?? "").trim()}`);
        else target.properties.push(line.trim());
      }
      continue;
    }
    target.drawerAllowed = false;
    const src = SRC_BEGIN.exec(line);
    if (src) {
      inSrc = true;
      target.body.push(`\`\`\`${(src[2] ?? "").split(/\s+/)[0] ?? ""}`);
      continue;
    }
    if (target === leading && line.trim() === "" && target.body.length === 0) continue;
    target.body.push(dedent(line, target.level + 1));
  }

  const blocks: TextBlock[] = [];
  if (pageProperties.length > 0) blocks.push({ text: pageProperties.join("\n"), line: 1, children: [] });
  if (leading) {
    // Text before the first headline: one block, its first line the block's first line.
    const [first = "", ...rest] = leading.body;
    leading.first = first;
    leading.body = rest;
    close(leading);
    if (leading.block.text.trim() !== "") blocks.push(leading.block);
  }
  for (const open of opened) close(open);
  blocks.push(...top);
  return logseqPageOf(path, blocks, context, titleHint);
}
