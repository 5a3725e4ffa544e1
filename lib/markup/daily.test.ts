import { describe, expect, it } from "vitest";
import { addDays, dailyTitle, dayOfDailyTitle, isIsoDay } from "./daily";

describe("daily titles", () => {
  it("are Roam's: month name, ordinal day, year", () => {
    expect(dailyTitle("2026-11-28")).toBe("November 28th, 2026");
    expect(dailyTitle("2026-01-01")).toBe("January 1st, 2026");
    expect(dailyTitle("2026-03-02")).toBe("March 2nd, 2026");
    expect(dailyTitle("2026-05-23")).toBe("May 23rd, 2026");
    expect(dailyTitle("2026-06-11")).toBe("June 11th, 2026");
  });

  it("read back to their day, and only exact titles do", () => {
    expect(dayOfDailyTitle("November 28th, 2026")).toBe("2026-11-28");
    expect(dayOfDailyTitle("November 28, 2026")).toBeUndefined();
    expect(dayOfDailyTitle("Vincent Chan")).toBeUndefined();
  });

  it("accept only real days as yyyy-MM-dd", () => {
    expect(isIsoDay("2026-11-28")).toBe(true);
    expect(isIsoDay("2026-02-30")).toBe(false);
    expect(isIsoDay("2026-11-28T00:00")).toBe(false);
    expect(isIsoDay("../etc")).toBe(false);
  });

  it("step across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
