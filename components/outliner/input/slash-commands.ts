// The slash menu's commands and how typing after "/" filters them. Pure: what each command
// does to the block lives in slash-actions.ts.

export type SlashCommandId =
  | "todo"
  | "slider"
  | "today"
  | "tomorrow"
  | "yesterday"
  | "time"
  | "heading1"
  | "heading2"
  | "heading3"
  | "code"
  | "blockEmbed"
  | "pageEmbed"
  | "blockRef";

export type SlashCommand = { id: SlashCommandId; label: string; keywords: string };

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  { id: "todo", label: "TODO", keywords: "task checkbox" },
  { id: "slider", label: "Slider", keywords: "mood rating" },
  { id: "today", label: "Today", keywords: "date daily" },
  { id: "tomorrow", label: "Tomorrow", keywords: "date daily" },
  { id: "yesterday", label: "Yesterday", keywords: "date daily" },
  { id: "time", label: "Current time", keywords: "now clock" },
  { id: "heading1", label: "Heading 1", keywords: "h1 title" },
  { id: "heading2", label: "Heading 2", keywords: "h2" },
  { id: "heading3", label: "Heading 3", keywords: "h3" },
  { id: "code", label: "Code block", keywords: "fence pre" },
  { id: "blockEmbed", label: "Block embed", keywords: "transclude" },
  { id: "pageEmbed", label: "Page embed", keywords: "transclude" },
  { id: "blockRef", label: "Block reference", keywords: "ref" },
];

/**
 * The commands matching what was typed after "/": every word of it occurs in the label or
 * keywords (ignoring case); labels starting with the query come first, otherwise menu order.
 */
export function filterSlashCommands(query: string): SlashCommand[] {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  const matching = SLASH_COMMANDS.filter((command) => {
    const haystack = `${command.label} ${command.keywords}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const starts = (command: SlashCommand) => (q && command.label.toLowerCase().startsWith(q) ? 0 : 1);
  return matching.map((command, index) => ({ command, index })).sort((a, b) => starts(a.command) - starts(b.command) || a.index - b.index).map(({ command }) => command);
}
