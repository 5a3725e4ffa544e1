// The four pickers of the block editor: [[ pages, # tags, (( blocks, / commands.
import { Extension, type Editor } from "@tiptap/core";
import { PluginKey, type EditorState } from "@tiptap/pm/state";
import { Suggestion } from "@tiptap/suggestion";
import type { BlockHit, PageHit } from "@/lib/server/search";
import { getJson } from "@/lib/store/api";
import { pickerSuggestion, type PickerEntry, type PickerSpec } from "./picker";
import { rankTitles } from "./rank";
import { replaceTrigger } from "./replace-trigger";
import { runSlashCommand } from "./slash-actions";
import { filterSlashCommands } from "./slash-commands";
import { tagFor } from "./tag";
import type { TriggerKind } from "./triggers";

const LIMIT = 20;
/** The server's longest query (lib/server/search.ts MAX_QUERY_LENGTH). */
const MAX_QUERY = 200;
const DEBOUNCE_MS = 100;
const BLOCK_PREVIEW = 140;

const pageKey = new PluginKey("pagePicker");
const tagKey = new PluginKey("tagPicker");
const blockKey = new PluginKey("blockPicker");
const slashKey = new PluginKey("slashMenu");

async function searchPages(query: string): Promise<PageHit[]> {
  const q = query.trim().slice(0, MAX_QUERY);
  if (!q) return [];
  return (await getJson<{ pages: PageHit[] }>(`/api/search/pages?q=${encodeURIComponent(q)}&limit=${LIMIT}`)).pages;
}

async function searchBlocks(query: string): Promise<BlockHit[]> {
  const q = query.trim().slice(0, MAX_QUERY);
  if (!q) return [];
  return (await getJson<{ blocks: BlockHit[] }>(`/api/search/blocks?q=${encodeURIComponent(q)}&limit=${LIMIT}`)).blocks;
}

/** Page options (exact match first, as ranked), then "Create page" unless the title exists. */
function pageEntries(key: PluginKey, kind: TriggerKind, spell: (title: string) => string) {
  return (query: string, results: readonly PageHit[], stale: boolean): PickerEntry[] => {
    const q = query.trim();
    const hits = stale ? rankTitles(q, results) : results;
    const insert = (title: string) => (editor: Editor) => void replaceTrigger(editor, key, kind, spell(title));
    const entries: PickerEntry[] = hits.map((hit) => ({ key: `page:${hit.id}`, label: hit.title, apply: insert(hit.title) }));
    if (q && !hits.some((hit) => hit.title === q)) entries.push({ key: "create", label: `Create page "${q}"`, apply: insert(q) });
    return entries;
  };
}

function blockEntries(ownUid: string) {
  return (query: string, results: readonly BlockHit[], stale: boolean): PickerEntry[] => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const hits = stale ? results.filter((hit) => words.every((word) => hit.content.toLowerCase().includes(word))) : results;
    return hits
      .filter((hit) => hit.uid !== ownUid)
      .map((hit) => ({
        key: `block:${hit.uid}`,
        label: hit.content.length > BLOCK_PREVIEW ? `${hit.content.slice(0, BLOCK_PREVIEW)}…` : hit.content,
        detail: hit.pageTitle,
        apply: (editor: Editor) => void replaceTrigger(editor, blockKey, "block", `((${hit.uid}))`),
      }));
  };
}

function specs(pageKeyOfBlock: string, uid: string) {
  const page: PickerSpec<PageHit> = {
    key: pageKey,
    kind: "page",
    label: "Pages",
    debounce: DEBOUNCE_MS,
    search: searchPages,
    entries: pageEntries(pageKey, "page", (title) => `[[${title}]]`),
    emptyNote: () => "Type to search pages",
  };
  const tag: PickerSpec<PageHit> = {
    key: tagKey,
    kind: "tag",
    label: "Pages",
    debounce: DEBOUNCE_MS,
    search: searchPages,
    entries: pageEntries(tagKey, "tag", tagFor),
    emptyNote: () => "Type to search pages",
  };
  const block: PickerSpec<BlockHit> = {
    key: blockKey,
    kind: "block",
    label: "Blocks",
    debounce: DEBOUNCE_MS,
    search: searchBlocks,
    entries: blockEntries(uid),
    emptyNote: (query) => (query.trim() ? "No block matches" : "Type to search blocks"),
  };
  const slash: PickerSpec<never> = {
    key: slashKey,
    kind: "slash",
    label: "Commands",
    debounce: 0,
    search: async () => [],
    entries: (query) =>
      filterSlashCommands(query).map((command) => ({
        key: command.id,
        label: command.label,
        apply: (editor: Editor) => runSlashCommand(command.id, editor, slashKey, pageKeyOfBlock, uid),
      })),
    emptyNote: () => "No command matches",
    accepts: (query) => filterSlashCommands(query).length > 0,
  };
  return [page, tag, block, slash] as const;
}

/**
 * The pickers as one extension. Its priority is above the outliner's keys, so that while a
 * popup is open Enter, Tab, ↑, ↓ and Esc go to the popup, not to the outline.
 */
export function pickers(pageKeyOfBlock: string, uid: string) {
  return Extension.create({
    name: "pickers",
    priority: 1000,
    addProseMirrorPlugins() {
      const [page, tag, block, slash] = specs(pageKeyOfBlock, uid);
      return [
        Suggestion(pickerSuggestion(this.editor, page)),
        Suggestion(pickerSuggestion(this.editor, tag)),
        Suggestion(pickerSuggestion(this.editor, block)),
        Suggestion(pickerSuggestion(this.editor, slash)),
      ];
    },
  });
}

/** Whether one of the pickers is open: the text then holds a link still being typed. */
export function anyPickerOpen(state: EditorState): boolean {
  return [pageKey, tagKey, blockKey, slashKey].some((key) => (key.getState(state) as { active?: boolean } | undefined)?.active === true);
}
