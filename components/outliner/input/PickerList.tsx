"use client";
// The pickers' popup: a listbox of options, the highlighted one aria-selected, and a note
// ("searching…", "Type to search pages") below. Rendered by Tiptap's ReactRenderer, i.e. in a
// React portal of the editor, into an element positioned at the caret (picker-popup.ts).
import { useEffect, useRef } from "react";

export type PickerOption = { key: string; label: string; detail?: string };

export type PickerListProps = {
  /** The listbox's accessible name ("Pages", "Blocks", "Commands"). */
  label: string;
  /** Prefix of the element ids the editor points at (aria-controls, aria-activedescendant). */
  idPrefix: string;
  options: readonly PickerOption[];
  selected: number;
  note?: string;
  onPick: (index: number) => void;
  onHover: (index: number) => void;
};

export function pickerIds(prefix: string, selected: number): { list: string; option: string } {
  return { list: `${prefix}-list`, option: `${prefix}-option-${selected}` };
}

export function PickerList({ label, idPrefix, options, selected, note, onPick, onHover }: PickerListProps) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.children[selected]?.scrollIntoView({ block: "nearest" });
  }, [selected, options]);
  return (
    // Pressing on the popup must not take the focus from the editor (that would end editing).
    <div className="picker" onMouseDown={(event) => event.preventDefault()}>
      <ul ref={list} id={pickerIds(idPrefix, 0).list} role="listbox" aria-label={label} className="picker-options">
        {options.map((option, index) => (
          <li
            key={option.key}
            id={pickerIds(idPrefix, index).option}
            role="option"
            aria-selected={index === selected}
            className="picker-option"
            onClick={() => onPick(index)}
            onMouseMove={() => index !== selected && onHover(index)}
          >
            <span className="picker-label">{option.label}</span>
            {option.detail && <span className="picker-detail">{option.detail}</span>}
          </li>
        ))}
      </ul>
      {note && <div className="picker-note">{note}</div>}
    </div>
  );
}
