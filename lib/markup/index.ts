// The markup core: one parser for Roam block text, used by the renderer, the reference index,
// search and the exporters; plus Roam's daily page titles.
export type * from "./ast";
export { parse, MAX_DEPTH } from "./parse";
export { serialize } from "./serialize";
export { extractRefs, refsOf, type PageRef, type PageRefKind, type Refs } from "./refs";
export * from "./daily";
