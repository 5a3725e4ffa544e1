// One picker (page, tag, block or slash menu) as a Tiptap Suggestion plugin: when the text
// before the caret calls for it (triggers.ts), a popup lists options; ↑/↓ move, Enter or Tab
// picks, Esc closes and leaves the text as typed. Results come from `search`, debounced; the
// Suggestion utility drops answers to queries that were superseded, and nothing here ever
// waits for the server: a slow answer shows "searching…" while typing goes on.
import type { Editor } from "@tiptap/core";
import type { PluginKey } from "@tiptap/pm/state";
import { ReactRenderer } from "@tiptap/react";
import { exitSuggestion, type SuggestionOptions } from "@tiptap/suggestion";
import { caretTextAt } from "./caret-text";
import { PickerList, pickerIds, type PickerListProps, type PickerOption } from "./PickerList";
import { activeTrigger, type TriggerKind } from "./triggers";

export type PickerEntry = PickerOption & { apply: (editor: Editor) => void };

export type PickerSpec<T> = {
  key: PluginKey;
  kind: TriggerKind;
  /** The listbox's accessible name. */
  label: string;
  /** Milliseconds of quiet typing before searching. */
  debounce: number;
  search: (query: string) => Promise<T[]>;
  /**
   * The options for `query`. `results` are those of the latest search that answered; `stale`:
   * they answer an earlier query (the current one is in flight).
   */
  entries: (query: string, results: readonly T[], stale: boolean) => PickerEntry[];
  /** What the popup says when it has no option. */
  emptyNote: (query: string) => string;
  /** Whether a query opens the popup at all (the slash menu: only when a command matches). */
  accepts?: (query: string) => boolean;
};

/** How long a search may take before the popup says "searching…". */
const SLOW_MS = 250;
/** Makes each popup's element ids unique in the document. */
let pickerCount = 0;

export function pickerSuggestion<T>(editor: Editor, spec: PickerSpec<T>): SuggestionOptions<T> {
  let searchFailed = false;
  // Whether the popup was open before the transaction being applied (see `shouldShow`).
  let wasActive = false;

  return {
    editor,
    pluginKey: spec.key,
    // Kept open through spaces, and kept closed after Esc until the trigger itself changes.
    allowSpaces: true,
    debounce: spec.debounce,
    decorationClass: "picker-query",
    findSuggestionMatch: ({ $position }) => {
      const around = caretTextAt($position);
      const trigger = activeTrigger(around.before);
      if (!trigger || trigger.kind !== spec.kind || (spec.accepts && !spec.accepts(trigger.query))) return null;
      return {
        range: { from: around.start + trigger.start, to: around.caret },
        query: trigger.query,
        text: around.before.slice(trigger.start),
      };
    },
    allow: ({ isActive }) => {
      wasActive = isActive ?? false;
      return true;
    },
    // Open on typing only: placing the caret inside an existing [[link]] opens nothing.
    shouldShow: ({ transaction }) => wasActive || transaction.docChanged,
    items: async ({ query }) => {
      try {
        const found = await spec.search(query);
        searchFailed = false;
        return found;
      } catch {
        searchFailed = true;
        return [];
      }
    },
    render: () => {
      let popup: ReactRenderer<unknown, PickerListProps> | null = null;
      let unmount: (() => void) | null = null;
      let view: Editor = editor;
      let query = "";
      let results: readonly T[] = [];
      let loading = false;
      let slow = false;
      let slowTimer: ReturnType<typeof setTimeout> | undefined;
      let selected = 0;
      let entries: PickerEntry[] = [];
      const idPrefix = `picker-${++pickerCount}`;

      // The editor (a textbox) points screen readers at the popup and its highlighted option.
      const describe = () => {
        const dom = view.view.dom;
        const ids = pickerIds(idPrefix, selected);
        dom.setAttribute("aria-controls", ids.list);
        if (entries[selected]) dom.setAttribute("aria-activedescendant", ids.option);
        else dom.removeAttribute("aria-activedescendant");
      };
      const undescribe = () => {
        if (view.isDestroyed) return;
        view.view.dom.removeAttribute("aria-controls");
        view.view.dom.removeAttribute("aria-activedescendant");
      };

      const pick = (index: number) => {
        const entry = entries[index];
        if (entry) entry.apply(view);
      };
      const hover = (index: number) => {
        selected = index;
        show();
      };
      const listProps = (): PickerListProps => {
        const note = loading && slow ? "searching…" : searchFailed && !loading ? "Search failed; keep typing to try again" : entries.length === 0 ? spec.emptyNote(query) : undefined;
        return { label: spec.label, idPrefix, options: entries.map(({ key, label, detail }) => ({ key, label, detail })), selected, note, onPick: pick, onHover: hover };
      };
      function show() {
        entries = spec.entries(query, results, loading);
        selected = Math.min(selected, Math.max(0, entries.length - 1));
        popup?.updateProps(listProps());
        describe();
      }
      const setLoading = (next: boolean) => {
        if (next && !loading) {
          clearTimeout(slowTimer);
          slowTimer = setTimeout(() => {
            slow = true;
            show();
          }, SLOW_MS);
        }
        if (!next) {
          clearTimeout(slowTimer);
          slow = false;
        }
        loading = next;
      };

      return {
        onStart: (props) => {
          view = props.editor;
          query = props.query;
          results = [];
          selected = 0;
          setLoading(props.loading);
          entries = spec.entries(query, results, loading);
          popup = new ReactRenderer(PickerList, { editor: view, props: listProps(), className: "picker-host" });
          unmount = props.mount(popup.element);
          describe();
        },
        onUpdate: (props) => {
          if (props.query !== query) {
            query = props.query;
            selected = 0;
          }
          if (!props.loading) {
            results = props.items;
            selected = 0;
          }
          setLoading(props.loading);
          show();
        },
        onKeyDown: ({ event }) => {
          if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return false;
          if (event.key === "Escape") return true; // the Suggestion plugin closes the popup
          if (event.shiftKey) return false;
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            const count = entries.length;
            if (count > 0) selected = (selected + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
            show();
            return true;
          }
          if (event.key === "Enter" || event.key === "Tab") {
            if (entries[selected]) pick(selected);
            else exitSuggestion(view.view, spec.key);
            return true;
          }
          return false;
        },
        onExit: () => {
          undescribe();
          clearTimeout(slowTimer);
          unmount?.();
          popup?.destroy();
          unmount = null;
          popup = null;
          loading = false;
          slow = false;
        },
      };
    },
  };
}
