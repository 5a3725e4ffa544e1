// Typing an opener inserts its pair, typing a closer before the same closer steps over it,
// Backspace between an empty pair removes both (rules in pairs.ts).
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";
import { caretText } from "./caret-text";
import { deletesPair, typedChar } from "./pairs";

export const AutoPair = Extension.create({
  name: "autoPair",
  // Before the outliner's keys: its Backspace merges blocks.
  priority: 1000,

  addKeyboardShortcuts() {
    return {
      Backspace: ({ editor }) => {
        const around = caretText(editor.state);
        if (!around || !deletesPair(around.before.slice(-1), around.after.slice(0, 1))) return false;
        editor.view.dispatch(editor.state.tr.delete(around.caret - 1, around.caret + 1));
        return true;
      },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("autoPair"),
        props: {
          handleTextInput(view, from, to, text) {
            if (view.composing || from !== to || text.length !== 1) return false;
            const around = caretText(view.state);
            if (!around || around.caret !== from) return false;
            const action = typedChar(text, around.before.slice(-1), around.after.slice(0, 1));
            if (!action) return false;
            const tr = view.state.tr;
            if (action.type === "pair") tr.insertText(action.open + action.close, from, to);
            tr.setSelection(TextSelection.create(tr.doc, from + 1));
            view.dispatch(tr);
            return true;
          },
        },
      }),
    ];
  },
});
