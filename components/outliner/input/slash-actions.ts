// What each slash-menu command does to the block (the menu itself: slash-commands.ts).
import type { Editor } from "@tiptap/core";
import type { PluginKey } from "@tiptap/pm/state";
import { format } from "date-fns";
import { addDays, dailyTitle, isoDayOf } from "@/lib/markup/daily";
import { outlineActions } from "@/lib/store/pages";
import { caretText } from "./caret-text";
import { replaceTrigger } from "./replace-trigger";
import type { SlashCommandId } from "./slash-commands";
import { activeTrigger } from "./triggers";

const TODO = "{{[[TODO]]}} ";
const STARTS_WITH_BOX = /^\{\{\[\[(TODO|DONE)\]\]\}\}/;

function dailyLink(offset: number): string {
  return `[[${dailyTitle(addDays(isoDayOf(new Date()), offset))}]]`;
}

/** Removes the typed "/query" and puts `{{[[TODO]]}} ` at the start of the block (once). */
function makeTodo(editor: Editor, key: PluginKey): void {
  const { state } = editor;
  const around = caretText(state);
  const trigger = around && activeTrigger(around.before);
  if (!around || trigger?.kind !== "slash") return;
  const tr = state.tr.delete(around.start + trigger.start, around.caret);
  const text = tr.doc.textBetween(around.start, tr.doc.resolve(around.start).end(), "\n", "\n");
  // The caret maps past the inserted text when it sits at the start.
  if (!STARTS_WITH_BOX.test(text)) tr.insertText(TODO, around.start);
  editor.view.dispatch(tr.setMeta(key, { exit: true }));
}

export function runSlashCommand(id: SlashCommandId, editor: Editor, key: PluginKey, pageKey: string, uid: string): void {
  const put = (text: string, caretAt?: number) => replaceTrigger(editor, key, "slash", text, caretAt);
  switch (id) {
    case "todo":
      return makeTodo(editor, key);
    case "slider":
      put("{{[[slider]]}}");
      return;
    case "today":
      put(dailyLink(0));
      return;
    case "tomorrow":
      put(dailyLink(1));
      return;
    case "yesterday":
      put(dailyLink(-1));
      return;
    case "time":
      put(format(new Date(), "HH:mm"));
      return;
    case "heading1":
    case "heading2":
    case "heading3":
      put("");
      outlineActions.setHeading(pageKey, uid, id === "heading1" ? 1 : id === "heading2" ? 2 : 3);
      return;
    case "code":
      // The fence, a line to type on, the closing fence.
      put("```\n\n```", 4);
      return;
    case "blockEmbed":
      // The caret lands in "(())": the block picker opens there.
      put("{{[[embed]]: (())}}", "{{[[embed]]: ((".length);
      return;
    case "pageEmbed":
      put("{{embed: [[]]}}", "{{embed: [[".length);
      return;
    case "blockRef":
      put("(())", 2);
      return;
  }
}
