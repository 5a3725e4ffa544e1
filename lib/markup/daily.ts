// Daily pages are titled as Roam titles them: "November 28th, 2026".
import { format, isValid, parse } from "date-fns";

/** A calendar day as "yyyy-MM-dd", independent of any time zone. */
export type IsoDay = string;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `fn` remembered by its argument, for at most `max` arguments at a time. date-fns' parse and
 * format cost tens of microseconds a call, and the server checks and titles a day for every op
 * it receives (about 6 % of its CPU under load, for the same few days).
 */
function remembered<T>(fn: (key: string) => T, max = 1_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = fn(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}

const validDay = remembered((value) => {
  if (!ISO_DAY.test(value)) return false;
  const date = parse(value, "yyyy-MM-dd", new Date(2000, 0, 1));
  return isValid(date) && format(date, "yyyy-MM-dd") === value;
});

export function isIsoDay(value: string): value is IsoDay {
  return validDay(value);
}

/** The local calendar day of `date` (the browser's day when called in the browser). */
export function isoDayOf(date: Date): IsoDay {
  return format(date, "yyyy-MM-dd");
}

export const dailyTitle: (day: IsoDay) => string = remembered((day) => format(parse(day, "yyyy-MM-dd", new Date(2000, 0, 1)), "MMMM do, yyyy"));

/** The day a Roam daily title names ("November 28th, 2026"), or undefined. */
export const dayOfDailyTitle: (title: string) => IsoDay | undefined = remembered((title) => {
  const date = parse(title, "MMMM do, yyyy", new Date(2000, 0, 1));
  if (!isValid(date)) return undefined;
  return format(date, "MMMM do, yyyy") === title ? format(date, "yyyy-MM-dd") : undefined;
});

export function addDays(day: IsoDay, amount: number): IsoDay {
  const date = parse(day, "yyyy-MM-dd", new Date(2000, 0, 1));
  date.setDate(date.getDate() + amount);
  return format(date, "yyyy-MM-dd");
}
