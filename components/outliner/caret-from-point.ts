// Where in a rendered block's text a click landed, as a text offset, so the editor opens with
// the caret at the clicked spot.
export function caretOffsetFromPoint(container: HTMLElement, x: number, y: number): number | undefined {
  type CaretPosition = { offsetNode: Node; offset: number };
  const doc = container.ownerDocument as Document & {
    caretPositionFromPoint?: (x: number, y: number) => CaretPosition | null;
  };
  let node: Node;
  let offset: number;
  const position = doc.caretPositionFromPoint?.(x, y);
  if (position) {
    node = position.offsetNode;
    offset = position.offset;
  } else {
    const range = doc.caretRangeFromPoint?.(x, y);
    if (!range) return undefined;
    node = range.startContainer;
    offset = range.startOffset;
  }
  if (!container.contains(node)) return undefined;
  // Count the characters of the text nodes before the hit one.
  let total = 0;
  const walker = doc.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (current === node) return total + offset;
    total += current.textContent?.length ?? 0;
  }
  return node === container ? total : undefined;
}
