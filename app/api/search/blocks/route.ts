// GET /api/search/blocks?q=…&limit=…: blocks containing every word of q, for the (( picker.
import { z } from "zod";
import { defaultGraphId } from "@/lib/server/access";
import { route } from "@/lib/server/http";
import { MAX_QUERY_LENGTH, MAX_SEARCH_LIMIT, searchBlocks } from "@/lib/server/search";

const query = z.object({
  q: z.string().max(MAX_QUERY_LENGTH).default(""),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
});

export const GET = route(async ({ db, actor, request }) => {
  const { q, limit } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { blocks: await searchBlocks(db, actor, await defaultGraphId(db, actor), q, limit) };
});
