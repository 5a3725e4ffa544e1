// GET /api/daily?before=2026-11-28&limit=5: earlier daily pages with content, newest first.
import { z } from "zod";
import { isIsoDay } from "@/lib/markup/daily";
import { defaultGraphId } from "@/lib/server/access";
import { route } from "@/lib/server/http";
import { listDaysBefore } from "@/lib/server/pages";

const query = z.object({
  before: z.string().refine(isIsoDay, "before must be a real date as yyyy-MM-dd"),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});

export const GET = route(async ({ db, actor, request }) => {
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const days = await listDaysBefore(db, actor, await defaultGraphId(db, actor), params.before, params.limit);
  return { days };
});
