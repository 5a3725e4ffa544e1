"use client";
// ((uid)) shows the referenced block's text; {{embed: ((uid))}} its subtree; {{embed: [[Page]]}}
// the page's outline. Read-only here; a missing target says so.
import Link from "next/link";
import { useEffect, useState } from "react";
import type { PageView } from "@/lib/server/pages";
import { childrenOf, getBlock, treeOf, type BlockNode, type Tree } from "@/lib/outline/tree";
import { getJson } from "@/lib/store/api";
import { requestBlock, useBlockRefs, type RefEntry } from "@/lib/store/block-refs";
import { usePages } from "@/lib/store/pages";
import { Markup, MAX_REF_DEPTH } from "./Markup";
import { pageHref } from "./safe-href";

/** A block loaded in an open page, if any: its live text beats a fetched copy. */
function useLocalBlock(uid: string): BlockNode | undefined {
  return usePages((state) => {
    for (const entry of Object.values(state.pages)) {
      const block = getBlock(entry.tree, uid);
      if (block) return block;
    }
    return undefined;
  });
}

function useReferenced(uid: string, subtree: boolean, skip: boolean): RefEntry | undefined {
  const entry = useBlockRefs((state) => (subtree ? state.subtrees[uid] : state.entries[uid]));
  useEffect(() => {
    if (!skip) requestBlock(uid, subtree);
  }, [uid, subtree, skip]);
  return entry;
}

function NotFound({ uid }: { uid: string }) {
  return (
    <span className="ref-missing" role="note">
      block not found: (({uid}))
    </span>
  );
}

export function BlockRefView({ uid, depth }: { uid: string; depth: number }) {
  const local = useLocalBlock(uid);
  const tooDeep = depth >= MAX_REF_DEPTH;
  const entry = useReferenced(uid, false, tooDeep || local !== undefined);
  if (tooDeep) return <span className="block-ref">(({uid}))</span>;
  const block = local ?? (entry?.status === "ok" ? entry.blocks[0] : undefined);
  if (block) {
    return (
      <span className="block-ref" data-ref-uid={uid}>
        <Markup text={block.content} blockProps={block.props} depth={depth + 1} />
      </span>
    );
  }
  if (entry?.status === "missing") return <NotFound uid={uid} />;
  if (entry?.status === "error") return <span className="ref-missing">(({uid})): {entry.message}</span>;
  return <span className="block-ref loading">(({uid}))</span>;
}

function ReadOnlyTree({ tree, parent, depth }: { tree: Tree; parent: string | null; depth: number }) {
  const children = childrenOf(tree, parent);
  if (children.length === 0) return null;
  return (
    <ul className="embed-children">
      {children.map((uid) => {
        const block = getBlock(tree, uid);
        if (!block) return null;
        return (
          <li key={uid} data-uid={uid}>
            <span className="bullet" aria-hidden="true" />
            <span className="embed-text">
              <Markup text={block.content} blockProps={block.props} depth={depth + 1} />
            </span>
            <ReadOnlyTree tree={tree} parent={uid} depth={depth} />
          </li>
        );
      })}
    </ul>
  );
}

export function BlockEmbed({ uid, depth }: { uid: string; depth: number }) {
  const tooDeep = depth >= MAX_REF_DEPTH;
  const entry = useReferenced(uid, true, tooDeep);
  if (tooDeep) return <span className="block-ref">{`{{embed: ((${uid}))}}`}</span>;
  if (entry?.status === "missing") return <NotFound uid={uid} />;
  if (entry?.status !== "ok") return <div className="embed loading" aria-busy="true" />;
  return (
    <div className="embed" data-embed-uid={uid}>
      <div className="embed-source">
        from <Link href={pageHref(entry.pageTitle)}>{entry.pageTitle}</Link>
      </div>
      <ReadOnlyTree tree={treeOf(entry.blocks)} parent={null} depth={depth} />
    </div>
  );
}

export function PageEmbed({ title, depth }: { title: string; depth: number }) {
  const [view, setView] = useState<PageView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tooDeep = depth >= MAX_REF_DEPTH;
  useEffect(() => {
    if (tooDeep) return;
    getJson<PageView>(`/api/pages?title=${encodeURIComponent(title)}`).then(setView, (reason: unknown) => setError((reason as Error).message));
  }, [title, tooDeep]);
  if (tooDeep) return <span className="block-ref">{`{{embed: [[${title}]]}}`}</span>;
  if (error) return <span className="ref-missing">{error}</span>;
  if (!view) return <div className="embed loading" aria-busy="true" />;
  return (
    <div className="embed embed-page" data-embed-title={title}>
      <div className="embed-source">
        <Link href={pageHref(view.title)}>{view.title}</Link>
      </div>
      {view.blocks.length === 0 ? <p className="embed-empty">This page is empty.</p> : <ReadOnlyTree tree={treeOf(view.blocks)} parent={null} depth={depth} />}
    </div>
  );
}
