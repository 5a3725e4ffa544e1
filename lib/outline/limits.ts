// Sizes the whole system keeps to (the wire schema, the editor, structural edits).

/** Characters in one block's text. */
export const MAX_CONTENT_LENGTH = 100_000;
