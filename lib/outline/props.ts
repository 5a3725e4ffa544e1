// What a block's props hold, read and written in one place. Slider values follow Roam's
// shape: `props.slider[userId] = 7` for the first slider of a block; a block with several
// sliders keeps the n-th (n ≥ 1) under `props["slider.n"][userId]`.
import type { BlockProps } from "./tree";

export const MIN_SLIDER = 0;
export const MAX_SLIDER = 10;

function sliderKey(index: number): string {
  return index === 0 ? "slider" : `slider.${index}`;
}

export function sliderValue(props: BlockProps, index: number, userId: string): number | undefined {
  const values = props[sliderKey(index)];
  if (values === null || typeof values !== "object" || Array.isArray(values)) return undefined;
  const value = (values as Record<string, unknown>)[userId];
  return typeof value === "number" && Number.isFinite(value) ? Math.min(MAX_SLIDER, Math.max(MIN_SLIDER, value)) : undefined;
}

export function withSliderValue(props: BlockProps, index: number, userId: string, value: number): BlockProps {
  const key = sliderKey(index);
  const current = props[key];
  const values = current !== null && typeof current === "object" && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
  const clamped = Math.round(Math.min(MAX_SLIDER, Math.max(MIN_SLIDER, value)));
  return { ...props, [key]: { ...values, [userId]: clamped } };
}

export function headingLevel(props: BlockProps): 1 | 2 | 3 | undefined {
  const level = props.heading;
  return level === 1 || level === 2 || level === 3 ? level : undefined;
}
