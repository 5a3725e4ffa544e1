// Daily pages are titled as Roam titles them: "November 28th, 2026".
import { format, isValid, parse } from "date-fns";

/** A calendar day as "yyyy-MM-dd", independent of any time zone. */
export type IsoDay = string;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): value is IsoDay {
  if (!ISO_DAY.test(value)) return false;
  const date = parse(value, "yyyy-MM-dd", new Date(2000, 0, 1));
  return isValid(date) && format(date, "yyyy-MM-dd") === value;
}

/** The local calendar day of `date` (the browser's day when called in the browser). */
export function isoDayOf(date: Date): IsoDay {
  return format(date, "yyyy-MM-dd");
}

export function dailyTitle(day: IsoDay): string {
  return format(parse(day, "yyyy-MM-dd", new Date(2000, 0, 1)), "MMMM do, yyyy");
}

/** The day a Roam daily title names ("November 28th, 2026"), or undefined. */
export function dayOfDailyTitle(title: string): IsoDay | undefined {
  const date = parse(title, "MMMM do, yyyy", new Date(2000, 0, 1));
  if (!isValid(date)) return undefined;
  return format(date, "MMMM do, yyyy") === title ? format(date, "yyyy-MM-dd") : undefined;
}

export function addDays(day: IsoDay, amount: number): IsoDay {
  const date = parse(day, "yyyy-MM-dd", new Date(2000, 0, 1));
  date.setDate(date.getDate() + amount);
  return format(date, "yyyy-MM-dd");
}
