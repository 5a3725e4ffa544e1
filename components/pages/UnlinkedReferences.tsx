"use client";
// Under every page, folded until opened: blocks that mention the page's title in plain text
// without linking it. "Link" makes one block's mentions links; "Link all" says first what it
// will change, then changes every listed block in one step Ctrl+Z takes back. Both are
// ordinary text updates through the store, so they save, reach other tabs and undo as edits do.
import { useState } from "react";
import { findMentions, linkMentions } from "@/lib/markup/mentions";
import type { UnlinkedReferences as Found } from "@/lib/server/references";
import { getJson } from "@/lib/store/api";
import { commit, loadPage, pageKeyOf, treeOfPage, usePages } from "@/lib/store/pages";
import { flush } from "@/lib/store/save-queue";
import { newGroup } from "@/lib/store/undo-history";
import { groupAddress, ReferenceGroup } from "./ReferenceGroup";

type Plan = { pages: { pageKey: string; uids: string[] }[]; mentions: number };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function UnlinkedReferences({ pageId, title, onLinked }: { pageId: string; title: string; onLinked: () => void }) {
  const [found, setFound] = useState<Found | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Plan | null>(null);
  const mentions = (content: string) => findMentions(content, title).length > 0;
  // What is listed follows the blocks' text as it changes (linked here, edited, or in another tab).
  usePages((state) => state.pages);

  const toggle = () => {
    setOpen(!open);
    if (open || found) return;
    getJson<Found>(`/api/pages/${encodeURIComponent(pageId)}/unlinked`)
      .then((answer) => {
        for (const group of answer.groups) loadPage(groupAddress(group), group.blocks, answer.seq);
        setFound(answer);
      })
      .catch((reason: unknown) => setError((reason as Error).message));
  };

  /** What "Link all" would change now: the listed blocks that still mention the title, by page. */
  const plan = (): Plan => {
    const pages: Plan["pages"] = [];
    let count = 0;
    for (const group of found?.groups ?? []) {
      const pageKey = pageKeyOf(groupAddress(group));
      const tree = treeOfPage(pageKey);
      const uids = group.refs.filter((uid) => {
        const n = findMentions(tree.blocks.get(uid)?.content ?? "", title).length;
        count += n;
        return n > 0;
      });
      if (uids.length > 0) pages.push({ pageKey, uids });
    }
    return { pages, mentions: count };
  };

  const link = (pages: Plan["pages"]) => {
    // Several pages' changes are one undo step.
    const group = pages.length > 1 ? newGroup() : undefined;
    for (const { pageKey, uids } of pages) {
      const tree = treeOfPage(pageKey);
      const ops = uids.flatMap((uid) => {
        const content = tree.blocks.get(uid)?.content;
        return content === undefined ? [] : [{ type: "update" as const, uid, content: linkMentions(content, title) }];
      });
      commit(pageKey, ops, group === undefined ? {} : { group });
    }
    // Linked now: once saved, they are linked references.
    void flush().then(onLinked);
  };

  const all = plan();
  const blocks = all.pages.reduce((sum, page) => sum + page.uids.length, 0);
  return (
    <section className="references unlinked" aria-label="Unlinked references">
      <div className="references-head">
        <h2>
          <button type="button" className="section-toggle" aria-expanded={open} onClick={toggle}>
            {found ? `${blocks}${found.truncated ? "+" : ""} Unlinked Reference${blocks === 1 ? "" : "s"}` : "Unlinked References"}
          </button>
        </h2>
        {open && all.mentions > 0 && !confirming && (
          <button type="button" onClick={() => setConfirming(all)}>Link all</button>
        )}
      </div>
      {confirming && (
        <div role="alertdialog" aria-label="Link all mentions" className="confirm">
          <p>
            Link {plural(confirming.mentions, "mention")} on {plural(confirming.pages.length, "page")}?
          </p>
          <button
            type="button"
            onClick={() => {
              link(confirming.pages);
              setConfirming(null);
            }}
          >
            Link
          </button>
          <button type="button" onClick={() => setConfirming(null)}>Cancel</button>
        </div>
      )}
      {open && error && <p role="alert" className="error">Could not look for mentions: {error}</p>}
      {open && found && all.mentions === 0 && <p className="empty-refs">No unlinked mentions of “{title}”.</p>}
      {open &&
        found?.groups.map((group) => (
          <ReferenceGroup
            key={group.page.id}
            group={group}
            shown={mentions}
            action={(pageKey, uid) => (
              <button type="button" className="link-mention" onClick={() => link([{ pageKey, uids: [uid] }])}>
                Link
              </button>
            )}
          />
        ))}
    </section>
  );
}
