"use client";
// The one Tiptap editor of the outline, mounted on the focused block only. It edits the raw
// markup as plain text; keys that change structure are outline ops (lib/store/pages.ts).
import { Extension } from "@tiptap/core";
import Document from "@tiptap/extension-document";
import HardBreak from "@tiptap/extension-hard-break";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import { TextSelection } from "@tiptap/pm/state";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useLayoutEffect, useRef } from "react";
import { outlineActions, stopEditing } from "@/lib/store/pages";
import { docToText, offsetToPos, posToOffset, textToDoc } from "./editor-doc";

const OneParagraph = Document.extend({ content: "paragraph" });

function caretOffset(editor: Editor): number {
  return posToOffset(editor.state.selection.from);
}

function outlinerKeys(pageKey: string, uid: string) {
  return Extension.create({
    name: "outlinerKeys",
    addKeyboardShortcuts() {
      const editor = this.editor;
      const atStart = () => editor.state.selection.empty && caretOffset(editor) === 0;
      return {
        Enter: () => {
          outlineActions.setText(pageKey, uid, docToText(editor.state.doc));
          outlineActions.enter(pageKey, uid, caretOffset(editor));
          return true;
        },
        "Shift-Enter": () => editor.commands.setHardBreak(),
        Tab: () => {
          outlineActions.indent(pageKey, uid, caretOffset(editor));
          return true;
        },
        "Shift-Tab": () => {
          outlineActions.outdent(pageKey, uid, caretOffset(editor));
          return true;
        },
        Backspace: () => (atStart() ? outlineActions.backspaceAtStart(pageKey, uid) : false),
        ArrowUp: () => (editor.view.endOfTextblock("up") ? outlineActions.move(pageKey, uid, "up") : false),
        ArrowDown: () => (editor.view.endOfTextblock("down") ? outlineActions.move(pageKey, uid, "down") : false),
      };
    },
  });
}

export function BlockEditor(props: { pageKey: string; uid: string; initial: string; caret: number; seq: number }) {
  const { pageKey, uid, initial, caret, seq } = props;
  // Which focus this editor serves: a blur from a replaced editor must not end a newer focus.
  const seqRef = useRef(seq);
  const editor = useEditor(
    {
      // Made during render and focused in a layout effect, both in the same task as the key
      // that moved the caret here (store updates render synchronously): the next key typed
      // lands in this editor, never in the gap between two editors. Blocks render only in the
      // browser (after their page is fetched), so this never runs on the server.
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      extensions: [OneParagraph, Paragraph, Text, HardBreak, outlinerKeys(pageKey, uid)],
      content: textToDoc(initial),
      editorProps: {
        attributes: { role: "textbox", "aria-multiline": "true", "aria-label": "Block text", class: "block-editor", spellcheck: "true" },
      },
      onUpdate: ({ editor: current }) => outlineActions.setText(pageKey, uid, docToText(current.state.doc)),
      onBlur: () => stopEditing(pageKey, uid, seqRef.current),
    },
    // One editor per focused block: a new block gets a new editor.
    [pageKey, uid],
  );

  useLayoutEffect(() => {
    seqRef.current = seq;
    if (!editor) return;
    // Focus now, not in Tiptap's `focus` command (which waits for the next animation frame):
    // a key typed in between would land nowhere.
    const { state, view } = editor;
    const pos = Math.min(offsetToPos(caret), state.doc.content.size - 1);
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, pos)).scrollIntoView());
    view.focus();
    // `seq` changes whenever the caret is placed again on this same block.
  }, [editor, caret, seq]);

  return <EditorContent editor={editor} className="block-editor-host" />;
}
