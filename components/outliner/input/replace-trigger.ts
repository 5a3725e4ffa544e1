// Replacing what was typed for a picker (the trigger, its query, and the rest of the item after
// the caret: auto-paired closers, the rest of a link being edited) with what was picked.
import type { Editor } from "@tiptap/core";
import type { Node as PMNode, Schema } from "@tiptap/pm/model";
import { TextSelection, type PluginKey } from "@tiptap/pm/state";
import { caretText } from "./caret-text";
import { activeTrigger, restOfItem, type TriggerKind } from "./triggers";

/** Block text as inline nodes: "\n" is a hard break. */
function inlineNodes(schema: Schema, text: string): PMNode[] {
  const nodes: PMNode[] = [];
  text.split("\n").forEach((line, index) => {
    if (index > 0) nodes.push(schema.nodes.hardBreak!.create());
    if (line) nodes.push(schema.text(line));
  });
  return nodes;
}

/**
 * Replaces the `kind` trigger before the caret with `text` and puts the caret `caretAt`
 * characters into it (default: after it). Closes the picker of `key` for good: the new text
 * (`#Title`, say) must not open it again.
 */
export function replaceTrigger(editor: Editor, key: PluginKey, kind: TriggerKind, text: string, caretAt = text.length): boolean {
  const { state } = editor;
  const around = caretText(state);
  const trigger = around && activeTrigger(around.before);
  if (!around || trigger?.kind !== kind) return false;
  const from = around.start + trigger.start;
  const to = around.caret + restOfItem(kind, around.after);
  const tr = state.tr.replaceWith(from, to, inlineNodes(state.schema, text));
  tr.setSelection(TextSelection.create(tr.doc, from + caretAt)).setMeta(key, { exit: true }).scrollIntoView();
  editor.view.dispatch(tr);
  return true;
}
