// Typing behaviours of the block editor: auto-paired brackets and quotes, and the pickers
// ([[ pages, # tags, (( blocks, / commands). Both run before the outliner's keys.
import type { Extension } from "@tiptap/core";
import { AutoPair } from "./auto-pair";
import { pickers } from "./pickers";

export function inputExtensions(pageKey: string, uid: string): Extension[] {
  return [AutoPair, pickers(pageKey, uid)];
}

export { anyPickerOpen } from "./pickers";
