// GET /api/export/page?title=…: one page of the signed-in user's graph as a markdown file.
import { z } from "zod";
import { MAX_TITLE_LENGTH } from "@/lib/outline/schema";
import { defaultGraphId } from "@/lib/server/access";
import { pageMarkdownExport } from "@/lib/server/exports";
import { route } from "@/lib/server/http";

const query = z.object({ title: z.string().min(1, "title is required").max(MAX_TITLE_LENGTH) });

export const GET = route(async ({ db, actor, request }) => {
  const { title } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return pageMarkdownExport(db, actor, await defaultGraphId(db, actor), title);
});
