// Zooming into a block (bullet click, Alt+→) and back out (Alt+←, breadcrumbs). A zoomed
// block has its own URL, /block/<uid>; the screen there sets the page's view root.
import { dailyTitle } from "../markup/daily";
import { getBlock } from "../outline/tree";
import { blockHref, navigate, pageHref } from "./navigate";
import { treeOfPage, usePages, viewRoot } from "./pages";

/** The title of a page in the store (a daily page's is its date, as Roam writes it). */
export function pageTitleOf(pageKey: string): string | undefined {
  const address = usePages.getState().pages[pageKey]?.address;
  if (!address) return undefined;
  return "daily" in address ? dailyTitle(address.daily) : address.title;
}

export function zoomIn(uid: string): void {
  navigate(blockHref(uid));
}

/** One level out: to the zoomed block's parent, or to the page. False when not zoomed. */
export function zoomOut(pageKey: string): boolean {
  const root = viewRoot(pageKey);
  if (root === null) return false;
  const parent = getBlock(treeOfPage(pageKey), root)?.parent ?? null;
  const title = pageTitleOf(pageKey);
  if (parent !== null) navigate(blockHref(parent));
  else if (title !== undefined) navigate(pageHref(title));
  else return false;
  return true;
}
