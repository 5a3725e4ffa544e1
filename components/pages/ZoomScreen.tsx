"use client";
// /block/<uid>: one block zoomed into. Its children are the outline; above it, breadcrumbs of
// the page and the block's ancestors lead back out (as do Alt+← and the browser's Back).
import Link from "next/link";
import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { ancestorsOf } from "@/lib/outline/tree";
import { blockHref, pageHref } from "@/lib/store/navigate";
import { pageKeyHolding } from "@/lib/store/load";
import { setScreenPage, setViewRoot, usePages } from "@/lib/store/pages";
import { pageTitleOf } from "@/lib/store/zoom";
import { Markup } from "../markup/Markup";
import { Outliner } from "../outliner/Outliner";

const CRUMB_LENGTH = 60;

/** A breadcrumb's text: the block's first line, shortened. */
export function crumbText(content: string): string {
  const line = content.split("\n")[0] ?? "";
  return line.length > CRUMB_LENGTH ? `${line.slice(0, CRUMB_LENGTH - 1)}…` : line || "(empty)";
}

export function Crumb({ pageKey, uid }: { pageKey: string; uid: string }) {
  const content = usePages((state) => state.pages[pageKey]?.tree.blocks.get(uid)?.content ?? "");
  return (
    <li>
      <Link href={blockHref(uid)} prefetch={false}>{crumbText(content)}</Link>
    </li>
  );
}

/** The page, then the block's ancestors, each a link out (a zoomed block, a block open in the sidebar). */
export function BlockBreadcrumbs({ pageKey, uid }: { pageKey: string; uid: string }) {
  const ancestors = usePages(useShallow((state) => {
    const tree = state.pages[pageKey]?.tree;
    return tree?.blocks.has(uid) ? ancestorsOf(tree, uid).reverse() : [];
  }));
  const title = pageTitleOf(pageKey) ?? "";
  return (
    <nav aria-label="Breadcrumbs">
      <ol className="breadcrumbs">
        <li>
          <Link href={pageHref(title)} prefetch={false}>{title}</Link>
        </li>
        {ancestors.map((ancestor) => (
          <Crumb key={ancestor} pageKey={pageKey} uid={ancestor} />
        ))}
      </ol>
    </nav>
  );
}

export function ZoomScreen({ uid }: { uid: string }) {
  const [pageKey, setPageKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    pageKeyHolding(uid)
      .then((key) => {
        if (!live) return;
        setViewRoot(key, uid);
        setPageKey(key);
      })
      .catch((reason: unknown) => live && setError((reason as Error).message));
    return () => {
      live = false;
    };
  }, [uid]);

  useEffect(() => {
    if (pageKey === null) return;
    setScreenPage(pageKey);
    return () => {
      setViewRoot(pageKey, null);
      setScreenPage(null);
    };
  }, [pageKey]);

  const root = usePages((state) => (pageKey === null ? undefined : state.pages[pageKey]?.tree.blocks.get(uid)));

  if (error) return <p role="alert" className="error">Could not open this block: {error}</p>;
  if (pageKey === null) return <p className="loading" aria-busy="true">Loading…</p>;
  if (!root) return <p role="alert" className="error">This block no longer exists.</p>;
  return (
    <article className="page zoomed" aria-label={crumbText(root.content)}>
      <BlockBreadcrumbs pageKey={pageKey} uid={uid} />
      <h1 className="zoom-title">
        <Markup text={root.content} blockProps={root.props} />
      </h1>
      <Outliner pageKey={pageKey} label={crumbText(root.content)} />
    </article>
  );
}
