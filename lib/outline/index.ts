export * from "./tree";
export * from "./ops";
export * from "./check";
export * from "./edits";
