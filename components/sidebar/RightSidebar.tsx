"use client";
// The right sidebar, as in Roam: Shift+click on a page link, a tag, a block reference or a
// bullet opens that page or block beside the screen. Panels stack newest first; each can be
// collapsed or closed, and is edited like the screen (its own place in the pages store, so the
// same block shown in both holds one editor). The list survives a reload (lib/store/sidebar.ts).
import Link from "next/link";
import { useEffect, useState } from "react";
import { dayOfDailyTitle } from "@/lib/markup/daily";
import { useChangeSeq } from "@/lib/store/page-changes";
import { fetchPage, pageKeyHolding, addressOf } from "@/lib/store/load";
import { blockHref, pageHref } from "@/lib/store/navigate";
import { pageKeyOf, usePages } from "@/lib/store/pages";
import { closeSidebar, closeSidebarItem, openInSidebar, restoreSidebar, sidebarView, toggleSidebarItem, useSidebar } from "@/lib/store/sidebar";
import type { SidebarItem, SidebarTarget } from "@/lib/store/sidebar-items";
import { pageTitleOf } from "@/lib/store/zoom";
import { useViewer } from "../app/Viewer";
import { Outliner, ReferenceOutline } from "../outliner/Outliner";
import { BlockBreadcrumbs, crumbText } from "../pages/ZoomScreen";

/** What a Shift+click on `element` opens: a page link or tag (any link to /page/…), a block reference, a bullet. */
function sidebarTargetOf(element: Element): SidebarTarget | undefined {
  const titled = element.closest<HTMLElement>("[data-title]");
  if (titled?.dataset.title !== undefined) return { kind: "page", title: titled.dataset.title };
  const ref = element.closest<HTMLElement>("[data-ref-uid]");
  if (ref?.dataset.refUid) return { kind: "block", uid: ref.dataset.refUid };
  const link = element.closest<HTMLAnchorElement>("a[href]");
  if (!link || link.origin !== window.location.origin) return undefined;
  const [, kind, encoded] = /^\/(page|block)\/(.+)$/.exec(link.pathname) ?? [];
  if (!kind || encoded === undefined) return undefined;
  const value = decodeURIComponent(encoded);
  return kind === "page" ? { kind: "page", title: value } : { kind: "block", uid: value };
}

/** Shift+click anywhere in the app opens in the sidebar instead of navigating (or the browser's new window). */
function useShiftClickOpens(): void {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (!event.shiftKey || event.button !== 0 || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof Element ? sidebarTargetOf(event.target) : undefined;
      if (!target) return;
      event.preventDefault();
      event.stopPropagation();
      openInSidebar(target);
    };
    // Capture: before the link's own handler (Next's router, a zoom) sees the click.
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, []);
}

/** The page's key if the store already holds it under this exact title (no "Loading…" flash when a screen changes). */
function heldPageKey(title: string): string | null {
  const day = dayOfDailyTitle(title);
  const key = pageKeyOf(day ? { daily: day } : { title });
  return usePages.getState().pages[key] ? key : null;
}

function SidebarPage({ title, view }: { title: string; view: string }) {
  const [pageKey, setPageKey] = useState<string | null>(() => heldPageKey(title));
  const [error, setError] = useState<string | null>(null);
  // A rename, merge or delete changed pages: read this one again.
  const changeSeq = useChangeSeq((state) => state.seq);
  useEffect(() => {
    let live = true;
    fetchPage(title)
      .then((loaded) => live && setPageKey(pageKeyOf(addressOf(loaded))))
      .catch((reason: unknown) => live && setError((reason as Error).message));
    return () => {
      live = false;
    };
  }, [title, changeSeq]);
  if (error) return <p role="alert" className="error">Could not load “{title}”: {error}</p>;
  if (pageKey === null) return <p className="loading" aria-busy="true">Loading…</p>;
  return <Outliner pageKey={pageKey} label={title} view={view} />;
}

function heldBlockPage(uid: string): string | null {
  const { pages } = usePages.getState();
  return Object.keys(pages).find((key) => pages[key]?.tree.blocks.has(uid)) ?? null;
}

function SidebarBlock({ uid, view }: { uid: string; view: string }) {
  const [pageKey, setPageKey] = useState<string | null>(() => heldBlockPage(uid));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    pageKeyHolding(uid)
      .then((key) => live && setPageKey(key))
      .catch((reason: unknown) => live && setError((reason as Error).message));
    return () => {
      live = false;
    };
  }, [uid]);
  const exists = usePages((state) => (pageKey === null ? undefined : state.pages[pageKey]?.tree.blocks.has(uid)));
  if (error) return <p role="alert" className="error">Could not open this block: {error}</p>;
  if (pageKey === null) return <p className="loading" aria-busy="true">Loading…</p>;
  if (!exists) return <p role="alert" className="error">This block no longer exists.</p>;
  const title = pageTitleOf(pageKey) ?? "";
  return (
    <>
      <BlockBreadcrumbs pageKey={pageKey} uid={uid} />
      <ReferenceOutline pageKey={pageKey} uid={uid} label={`Block on ${title}`} view={view} />
    </>
  );
}

/** A block panel's heading: the block's first line, once its page is in the store. */
function BlockLabel({ uid }: { uid: string }) {
  const content = usePages((state) => {
    for (const entry of Object.values(state.pages)) {
      const block = entry.tree.blocks.get(uid);
      if (block) return block.content;
    }
    return undefined;
  });
  return <>{content === undefined ? "Block" : crumbText(content)}</>;
}

function SidebarPanel({ item }: { item: SidebarItem }) {
  const label = item.kind === "page" ? item.title : `Block ${item.uid}`;
  const view = sidebarView(item.id);
  return (
    <section className="sidebar-panel" aria-label={label}>
      <header className="sidebar-panel-header">
        <button
          type="button"
          className={item.collapsed ? "fold fold-collapsed" : "fold"}
          aria-expanded={!item.collapsed}
          aria-label={item.collapsed ? `Expand ${label}` : `Collapse ${label}`}
          onClick={() => toggleSidebarItem(item.id)}
        />
        <h2 className="sidebar-panel-title">
          {item.kind === "page" ? (
            <Link href={pageHref(item.title)} prefetch={false}>{item.title}</Link>
          ) : (
            <Link href={blockHref(item.uid)} prefetch={false}><BlockLabel uid={item.uid} /></Link>
          )}
        </h2>
        <button type="button" className="sidebar-close" aria-label={`Close ${label}`} title="Close" onClick={() => closeSidebarItem(item.id)}>
          ×
        </button>
      </header>
      {!item.collapsed && (
        <div className="sidebar-panel-body">
          {item.kind === "page" ? <SidebarPage title={item.title} view={view} /> : <SidebarBlock uid={item.uid} view={view} />}
        </div>
      )}
    </section>
  );
}

export function RightSidebar() {
  const { userId } = useViewer();
  useEffect(() => restoreSidebar(userId), [userId]);
  useShiftClickOpens();
  const items = useSidebar((state) => state.items);
  if (items.length === 0) return null;
  return (
    <aside className="right-sidebar" aria-label="Sidebar">
      <div className="sidebar-header">
        <span className="sidebar-heading">Sidebar</span>
        <button type="button" className="link-button" onClick={closeSidebar}>
          Close all
        </button>
      </div>
      {items.map((item) => (
        <SidebarPanel key={item.id} item={item} />
      ))}
    </aside>
  );
}
