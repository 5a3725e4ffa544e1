// GET /api/daily/2026-11-28: that day's page (page: null when nothing is written on it yet).
import { isIsoDay } from "@/lib/markup/daily";
import { defaultGraphId } from "@/lib/server/access";
import { AppError } from "@/lib/server/errors";
import { route } from "@/lib/server/http";
import { getDailyPage } from "@/lib/server/pages";

export const GET = route<{ day: string }>(async ({ db, actor }, { day }) => {
  if (!isIsoDay(day)) throw new AppError("invalid_request", "The day must be a real date as yyyy-MM-dd.");
  return getDailyPage(db, actor, await defaultGraphId(db, actor), day);
});
