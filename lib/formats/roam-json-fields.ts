// What the Roam JSON reader and writer agree on beyond Roam's own fields.
import { derivedUid } from "./graph";

/**
 * Source fields Roam derives from a block's `string` (the pages and blocks it references). Kept
 * verbatim while the text is the one they were read with; once the block is edited in Loam they
 * would lie, so the writer leaves them out (Roam derives them again from `string` on import).
 */
export const DERIVED_FROM_TEXT = ["refs", ":block/refs"] as const;

/**
 * Block prop holding a fingerprint of the text the derived fields came with, set by the reader on
 * blocks that have some: the writer keeps them only while the content still has that fingerprint.
 */
export const SOURCE_TEXT = "sourceText";

/**
 * Key under which the writer puts Loam's props that Roam has no field for (collapsed, slider
 * values...), and from which the reader takes them back: a file exported by Loam imports whole.
 * Roam ignores keys it does not know.
 */
export const LOAM_PROPS = ":loam/props";

/** Block props written as Roam fields, or kept for the round trip: never under LOAM_PROPS. */
const MAPPED_PROPS = new Set(["heading", "textAlign", "source", SOURCE_TEXT]);

export function loamOnlyProps(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([key]) => !MAPPED_PROPS.has(key)));
}

/** 16 characters that change with the text (two seeded 53-bit hashes; not a security measure). */
export function textFingerprint(text: string): string {
  return derivedUid("roam-json", text, []);
}
