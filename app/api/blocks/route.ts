// GET /api/blocks?uids=a,b&subtree=c: referenced blocks (and embedded subtrees) in one request.
import { z } from "zod";
import { defaultGraphId } from "@/lib/server/access";
import { getReferencedBlocks } from "@/lib/server/blocks";
import { route } from "@/lib/server/http";

const list = z
  .string()
  .default("")
  .transform((value) => value.split(",").filter(Boolean))
  .pipe(z.array(z.string().max(64).regex(/^[\w-]+$/, "uids are letters, digits, _ and -")));

const query = z.object({ uids: list, subtree: list });

export const GET = route(async ({ db, actor, request }) => {
  const { uids, subtree } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { blocks: await getReferencedBlocks(db, actor, await defaultGraphId(db, actor), uids, subtree) };
});
