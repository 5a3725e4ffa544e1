// What PostgreSQL and Loam's editor cannot take, found on the way in and told, never a failed
// import: a NUL character (a text column cannot hold one) becomes U+FFFD; a block longer than
// Loam edits or a title longer than a link can name is imported whole, with a problem saying so.
import { MAX_CONTENT_LENGTH } from "../outline/limits";
import { MAX_TITLE_LENGTH } from "../outline/schema";
import type { GraphBlock, GraphPage, GraphProblem, GraphSource } from "./graph";

function withoutNul(text: string): { text: string; count: number } {
  if (!text.includes("\u0000")) return { text, count: 0 };
  const parts = text.split("\u0000");
  return { text: parts.join("\ufffd"), count: parts.length - 1 };
}

/** A page fitted to Loam's limits; what was changed or is over a limit goes to `problems`. */
export function fittedPage(page: GraphPage, problems: GraphProblem[]): GraphPage {
  const title = withoutNul(page.title);
  const where = `page “${title.text.slice(0, 80)}”`;
  if (title.count > 0) problems.push({ where, message: `its title held ${title.count} NUL character(s), replaced with �` });
  if (title.text.length > MAX_TITLE_LENGTH) {
    problems.push({ where, message: `its title is ${title.text.length} characters long; links name titles of up to ${MAX_TITLE_LENGTH}, so this page is imported but cannot be linked or renamed until it is shorter` });
  }
  let nul = 0;
  const fit = (blocks: readonly GraphBlock[]): GraphBlock[] =>
    blocks.map((block) => {
      const content = withoutNul(block.content);
      nul += content.count;
      if (content.text.length > MAX_CONTENT_LENGTH) {
        problems.push({ where: `${where}, block ${block.uid}`, message: `${content.text.length.toLocaleString("en-US")} characters: imported whole, but Loam saves edits of blocks up to ${MAX_CONTENT_LENGTH.toLocaleString("en-US")} characters, so shorten it before editing it` });
      }
      const children = fit(block.children);
      return content.count === 0 && children.every((child, i) => child === block.children[i]) ? block : { ...block, content: content.text, children };
    });
  const children = fit(page.children);
  if (nul > 0) problems.push({ where, message: `${nul} NUL character(s) in its blocks, replaced with �` });
  return title.count === 0 && children.every((child, i) => child === page.children[i]) ? page : { ...page, title: title.text, children };
}

/** The source with every page fitted (`fittedPage`), its problems added to the source's report. */
export function withinLoamLimits(source: GraphSource): GraphSource {
  return {
    report: source.report,
    pages: {
      async *[Symbol.asyncIterator]() {
        for await (const page of source.pages) yield fittedPage(page, source.report.problems);
      },
    },
  };
}
