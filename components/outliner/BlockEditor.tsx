"use client";
// The one Tiptap editor of the outline, mounted on the focused block only. It edits the raw
// markup as plain text; keys that change structure are outline ops (lib/store/pages.ts).
import Document from "@tiptap/extension-document";
import HardBreak from "@tiptap/extension-hard-break";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import { TextSelection } from "@tiptap/pm/state";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useLayoutEffect, useRef } from "react";
import { stopEditing } from "@/lib/store/pages";
import { flush, onBeforeFlush } from "@/lib/store/save-queue";
import { docToText, offsetToPos, posToOffset, textToDoc } from "./editor-doc";
import { heldTextOf, holdText, pushHeldText } from "./held-text";
import { outlinerKeys } from "./outliner-keys";
import { pasteIntoBlock } from "./paste";
import { inputExtensions } from "./input";
import { mapOffset } from "./remote-text";

const OneParagraph = Document.extend({ content: "paragraph" });

export function BlockEditor(props: { pageKey: string; uid: string; content: string; caret: number; seq: number }) {
  const { pageKey, uid, content, caret, seq } = props;
  // Which focus this editor serves: a blur from a replaced editor must not end a newer focus.
  const seqRef = useRef(seq);
  // Read when the caret is placed (not on every keystroke, which the editor itself produced).
  const contentRef = useRef(content);
  useLayoutEffect(() => {
    contentRef.current = content;
  });
  const editorRef = useRef<Editor | null>(null);
  const editor = useEditor(
    {
      // Made during render and focused in a layout effect, both in the same task as the key
      // that moved the caret here (store updates render synchronously): the next key typed
      // lands in this editor, never in the gap between two editors. Blocks render only in the
      // browser (after their page is fetched), so this never runs on the server.
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      extensions: [OneParagraph, Paragraph, Text, HardBreak, outlinerKeys(pageKey, uid), ...inputExtensions(pageKey, uid)],
      content: textToDoc(content),
      editorProps: {
        attributes: { role: "textbox", "aria-multiline": "true", "aria-label": "Block text", class: "block-editor", spellcheck: "true" },
        // Pasted outlines become blocks; everything pasted is read as text (paste.ts).
        handlePaste: (_view, event) => (editorRef.current ? pasteIntoBlock(editorRef.current, pageKey, uid, event) : false),
      },
      // Typing is held by the editor for a moment (held-text.ts).
      onUpdate: ({ editor: current }) => heldTextOf(current)?.edited(),
      onBlur: ({ editor: current }) => {
        pushHeldText(current);
        stopEditing(pageKey, uid, seqRef.current);
        // Leaving a block sends what is waiting at once, not after the usual pause.
        void flush();
      },
    },
    // One editor per focused block: a new block gets a new editor.
    [pageKey, uid],
  );

  useLayoutEffect(() => {
    editorRef.current = editor;
  });

  useLayoutEffect(() => {
    if (!editor) return;
    const held = holdText(editor, pageKey, uid);
    const unhook = onBeforeFlush((force) => held.push(force));
    return () => {
      unhook();
      held.push(true); // the editor is destroyed only after this
      held.dispose();
    };
  }, [editor, pageKey, uid]);

  useLayoutEffect(() => {
    // The outline's text of this block changed while the editor holds no typing of its own:
    // another tab's change (live updates). Show it without moving the caret in the text and
    // without it counting as typing. Typing held here wins instead: it reaches the outline
    // and then the server after the other change, so it is the text both end up with.
    if (!editor || editor.isDestroyed || editor.view.composing || heldTextOf(editor)?.isDirty()) return;
    const shown = docToText(editor.state.doc);
    if (shown === content) return;
    const { anchor, head } = editor.state.selection;
    editor.commands.setContent(textToDoc(content), { emitUpdate: false });
    const { state, view } = editor;
    const place = (pos: number) => offsetToPos(mapOffset(shown, content, posToOffset(pos)));
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, place(anchor), place(head))));
  }, [editor, content]);

  useLayoutEffect(() => {
    seqRef.current = seq;
    if (!editor) return;
    // Focus now, not in Tiptap's `focus` command (which waits for the next animation frame):
    // a key typed in between would land nowhere.
    // A structural key can change this block's own text (Delete merges the next block in):
    // when the caret is placed again, the editor takes the text the outline now holds.
    if (docToText(editor.state.doc) !== contentRef.current) {
      editor.commands.setContent(textToDoc(contentRef.current), { emitUpdate: false });
    }
    const { state, view } = editor;
    const pos = Math.min(offsetToPos(caret), state.doc.content.size - 1);
    // Focus first, then select: ProseMirror writes the DOM selection only into a focused view,
    // and a DOM selection left behind in the replaced rendered text would swallow Home/End.
    view.focus();
    view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, pos)).scrollIntoView());
    // `seq` changes whenever the caret is placed again on this same block.
  }, [editor, caret, seq]);

  return <EditorContent editor={editor} className="block-editor-host" />;
}
