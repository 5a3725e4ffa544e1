// Where the caret stays when the focused block's text is replaced by another tab's change: at
// the same place in the text, so text changed after the caret leaves it where it is and text
// changed before it carries it along; inside the changed span it is kept, clamped to the text.

/** `offset` in `before`, mapped into `after`. */
export function mapOffset(before: string, after: string, offset: number): number {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  if (offset <= prefix) return offset;
  if (offset >= before.length - suffix) return Math.min(after.length, offset + after.length - before.length);
  return Math.min(offset, after.length - suffix);
}
