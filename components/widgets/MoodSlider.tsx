"use client";
// {{slider}}: a 0–10 range for "how do you feel", the value shown beside it, "not rated" until
// set. Moving it saves the value in the block's props for this user.
import { MAX_SLIDER, MIN_SLIDER } from "@/lib/outline/props";

type Props = { value: number | undefined; onChange?: (value: number) => void; label: string };

export function MoodSlider({ value, onChange, label }: Props) {
  return (
    <span className="mood-slider" onClick={(event) => event.stopPropagation()}>
      <input
        type="range"
        min={MIN_SLIDER}
        max={MAX_SLIDER}
        step={1}
        value={value ?? 5}
        data-unset={value === undefined ? "true" : undefined}
        aria-label={label}
        aria-valuetext={value === undefined ? "not rated" : `${value} of ${MAX_SLIDER}`}
        disabled={!onChange}
        onChange={(event) => onChange?.(Number(event.currentTarget.value))}
      />
      <output className="slider-value">{value === undefined ? "not rated" : value}</output>
    </span>
  );
}
