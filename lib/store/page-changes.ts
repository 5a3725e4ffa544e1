// Renaming, merging and deleting pages from the browser: a preview first (nothing written),
// then the change, then Undo. Unsaved edits are sent before either, so the server rewrites
// the text as the person last typed it. After a change the pages it touched are dropped from
// this tab and every page screen loads afresh (changeSeq); other pages' rewritten blocks come
// back through live updates like any other tab's change.
import { create } from "zustand";
import type { PageAddress } from "../outline/schema";
import type { AppliedPageChange, PageChangePreview, PageChangeRequest, UndonePageChange } from "../server/page-changes";
import { postJson } from "./api";
import { navigate, pageHref } from "./navigate";
import { ACTION_NOTICE_MS, notify } from "./notice";
import { forgetPage } from "./pages";
import { flush, hasUnsaved, saveState } from "./save-queue";

/** Bumped after every change and undo: page screens load their page again. */
export const useChangeSeq = create<{ seq: number }>(() => ({ seq: 0 }));

const SAVE_ATTEMPTS = 5;

async function sendUnsaved(): Promise<void> {
  for (let attempt = 0; attempt < SAVE_ATTEMPTS && hasUnsaved(); attempt++) {
    if (saveState.getState().kind === "failed") break;
    await flush();
  }
  if (hasUnsaved()) throw new Error("Some changes are not saved yet; try again once the header says Saved.");
}

export async function previewPageChange(request: PageChangeRequest): Promise<PageChangePreview> {
  await sendUnsaved();
  return postJson<PageChangePreview>("/api/pages/changes/preview", request);
}

function forgetTouched(addresses: readonly PageAddress[]): void {
  for (const address of addresses) forgetPage(address);
  useChangeSeq.setState((state) => ({ seq: state.seq + 1 }));
}

/** Runs a change as previewed; an ApiError with code "stale_preview" carries the new preview in `details.preview`. */
export async function applyPageChange(request: PageChangeRequest, preview: PageChangePreview, address: PageAddress): Promise<AppliedPageChange> {
  await sendUnsaved();
  const applied = await postJson<AppliedPageChange>("/api/pages/changes", {
    change: request,
    expect: { blocks: preview.blocks, pages: preview.pages },
  });
  forgetTouched(addressesOf(preview, address));
  return applied;
}

export async function undoPageChange(changeId: string, preview: PageChangePreview, address: PageAddress): Promise<UndonePageChange> {
  await sendUnsaved();
  const undone = await postJson<UndonePageChange>(`/api/pages/changes/${encodeURIComponent(changeId)}/undo`, {});
  forgetTouched(addressesOf(preview, address));
  return undone;
}

function addressesOf(preview: PageChangePreview, address: PageAddress): PageAddress[] {
  const titles = [preview.title, ...(preview.newTitle ? [preview.newTitle] : []), ...preview.renamedPages.flatMap((page) => [page.from, page.to])];
  return [address, ...titles.map((title) => ({ title }))];
}

// ---------- the Undo offer: a notice, kept in sessionStorage so a reload does not lose it ----------

type Offer = { changeId: string; preview: PageChangePreview; address: PageAddress; until: number };
const OFFER_KEY = "loam.pageChangeUndo";

const DONE = {
  rename: (p: PageChangePreview) => `Renamed “${p.title}” to “${p.newTitle ?? ""}”: ${p.blocks} blocks on ${p.pages} pages rewritten.`,
  merge: (p: PageChangePreview) => `Merged “${p.title}” into “${p.newTitle ?? ""}”: ${p.movedBlocks} blocks moved, ${p.blocks} rewritten.`,
  delete: (p: PageChangePreview) => `Deleted “${p.title}” and its ${p.blocks} blocks.`,
};

function showOffer(offer: Offer): void {
  const { changeId, preview, address } = offer;
  notify(
    DONE[preview.kind](preview),
    {
      label: "Undo",
      run: () => {
        sessionStorage.removeItem(OFFER_KEY);
        undoPageChange(changeId, preview, address)
          .then(() => {
            notify(`Undone: “${preview.title}” is back as it was.`);
            navigate(pageHref(preview.title));
          })
          .catch((error: unknown) => notify((error as Error).message));
      },
    },
    offer.until - Date.now(),
  );
}

/** Says what was done, with Undo, for as long as a notice with a button shows (a reload included). */
export function offerUndo(changeId: string, preview: PageChangePreview, address: PageAddress): void {
  const offer: Offer = { changeId, preview, address, until: Date.now() + ACTION_NOTICE_MS };
  sessionStorage.setItem(OFFER_KEY, JSON.stringify(offer));
  showOffer(offer);
}

/** After a reload: the Undo offer of a change made moments before, if it has not run out. */
export function restoreUndoOffer(): void {
  const kept = sessionStorage.getItem(OFFER_KEY);
  if (!kept) return;
  try {
    const offer = JSON.parse(kept) as Offer;
    if (offer.until > Date.now()) showOffer(offer);
    else sessionStorage.removeItem(OFFER_KEY);
  } catch {
    sessionStorage.removeItem(OFFER_KEY);
  }
}
