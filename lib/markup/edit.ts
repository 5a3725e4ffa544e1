// Text edits that follow the markup: toggling a TODO checkbox rewrites its own `{{…}}` and
// nothing else, keeping the spelling the user chose (`{{TODO}}` stays unbracketed).
import type { MarkupNode, TodoNode } from "./ast";
import { parse } from "./parse";

function findTodo(node: MarkupNode, start: number): TodoNode | undefined {
  if (node.type === "todo") return node.start === start ? node : undefined;
  if ("children" in node) {
    for (const child of node.children) {
      const found = findTodo(child, start);
      if (found) return found;
    }
  }
  return undefined;
}

export function todoMarker(state: "TODO" | "DONE", linked: boolean): string {
  return linked ? `{{[[${state}]]}}` : `{{${state}}}`;
}

/** `text` with the TODO/DONE box that starts at `start` flipped, or undefined if there is none. */
export function toggleTodoAt(text: string, start: number): string | undefined {
  const todo = findTodo(parse(text), start);
  if (!todo) return undefined;
  const next = todoMarker(todo.state === "TODO" ? "DONE" : "TODO", todo.linked);
  return text.slice(0, todo.start) + next + text.slice(todo.end);
}

const TODO_PREFIXES = ["{{[[TODO]]}} ", "{{TODO}} ", "{{[[TODO]]}}", "{{TODO}}"];
const DONE_PREFIXES = ["{{[[DONE]]}} ", "{{DONE}} ", "{{[[DONE]]}}", "{{DONE}}"];

/**
 * Ctrl+Enter: none → `{{[[TODO]]}} ` → `{{[[DONE]]}} ` → none, at the start of the block.
 * Returns the new text and how far the caret moves.
 */
export function cycleTodo(text: string): { text: string; shift: number } {
  const todo = TODO_PREFIXES.find((prefix) => text.startsWith(prefix));
  if (todo) {
    const done = "{{[[DONE]]}} ";
    return { text: done + text.slice(todo.length), shift: done.length - todo.length };
  }
  const done = DONE_PREFIXES.find((prefix) => text.startsWith(prefix));
  if (done) return { text: text.slice(done.length), shift: -done.length };
  const marker = "{{[[TODO]]}} ";
  return { text: marker + text, shift: marker.length };
}
