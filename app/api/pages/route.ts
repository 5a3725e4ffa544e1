// GET /api/pages?title=…: a page by title (exact, else case-insensitive); empty if it does not exist yet.
import { z } from "zod";
import { MAX_TITLE_LENGTH } from "@/lib/outline/schema";
import { defaultGraphId } from "@/lib/server/access";
import { route } from "@/lib/server/http";
import { getPageByTitle } from "@/lib/server/pages";

const query = z.object({ title: z.string().min(1, "title is required").max(MAX_TITLE_LENGTH) });

export const GET = route(async ({ db, actor, request }) => {
  const { title } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return getPageByTitle(db, actor, await defaultGraphId(db, actor), title);
});
