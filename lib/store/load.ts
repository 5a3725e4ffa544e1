// Pages read from the server into the store, for the screens and the sidebar's panels: after this
// tab's unsaved changes are restored (save-queue.ts), so they go on top of what is read.
import type { PageAddress } from "../outline/schema";
import type { BlockDto, PageView } from "../server/pages";
import { getJson } from "./api";
import { loadPage, pageKeyOf, usePages } from "./pages";
import { whenRestored } from "./save-queue";

export function addressOf(view: PageView): PageAddress {
  return view.day ? { daily: view.day } : { title: view.title };
}

/** The page titled `title` (exact, else case-insensitive; empty if it does not exist yet), loaded into the store. */
export async function fetchPage(title: string): Promise<PageView> {
  await whenRestored();
  const view = await getJson<PageView>(`/api/pages?title=${encodeURIComponent(title)}`);
  loadPage(addressOf(view), view.blocks, view.seq);
  return view;
}

/** The page (already in the store, or fetched) that holds block `uid`. */
export async function pageKeyHolding(uid: string): Promise<string> {
  await whenRestored();
  const { pages } = usePages.getState();
  const known = Object.keys(pages).find((key) => pages[key]?.tree.blocks.has(uid));
  if (known) return known;
  const block = await getJson<BlockDto>(`/api/blocks/${encodeURIComponent(uid)}`);
  const view = await getJson<PageView>(`/api/pages/${encodeURIComponent(block.pageId)}`);
  loadPage(addressOf(view), view.blocks, view.seq);
  return pageKeyOf(addressOf(view));
}
