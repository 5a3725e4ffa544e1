// Block text ⇄ the one-paragraph ProseMirror document of the block editor. A line break in
// the text ("\n", from Shift+Enter) is a hard break node; each counts as one position, so a
// text offset `n` is document position `n + 1` (after the paragraph's opening).
import type { JSONContent } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";

export function textToDoc(text: string): JSONContent {
  const content: JSONContent[] = [];
  text.split("\n").forEach((line, index) => {
    if (index > 0) content.push({ type: "hardBreak" });
    if (line) content.push({ type: "text", text: line });
  });
  return { type: "doc", content: [{ type: "paragraph", content }] };
}

export function docToText(doc: PMNode): string {
  return doc.textBetween(0, doc.content.size, "\n", "\n");
}

export const offsetToPos = (offset: number) => offset + 1;
export const posToOffset = (pos: number) => Math.max(0, pos - 1);
