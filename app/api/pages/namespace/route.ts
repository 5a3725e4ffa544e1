// GET /api/pages/namespace?title=a: titles of the pages under a/ (a/b, a/b/c, …).
import { z } from "zod";
import { MAX_TITLE_LENGTH } from "@/lib/outline/schema";
import { defaultGraphId } from "@/lib/server/access";
import { route } from "@/lib/server/http";
import { listNamespaceChildren } from "@/lib/server/namespaces";

const query = z.object({ title: z.string().min(1, "title is required").max(MAX_TITLE_LENGTH) });

export const GET = route(async ({ db, actor, request }) => {
  const { title } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { titles: await listNamespaceChildren(db, actor, await defaultGraphId(db, actor), title) };
});
