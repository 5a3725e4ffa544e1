"use client";
// {{[[TODO]]}} / {{[[DONE]]}} as a checkbox; ticking it rewrites that marker in the block's text.
export function TodoCheckbox({ done, onToggle, disabled }: { done: boolean; onToggle?: () => void; disabled?: boolean }) {
  return (
    <input
      type="checkbox"
      className="todo-checkbox"
      checked={done}
      disabled={disabled || !onToggle}
      aria-label={done ? "Done" : "To do"}
      onChange={() => onToggle?.()}
      onClick={(event) => event.stopPropagation()}
    />
  );
}
