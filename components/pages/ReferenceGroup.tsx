"use client";
// One page's references under another page (linked or unlinked): the page's title, then each
// referencing block with the breadcrumb of its ancestors and its children, edited in place on
// that page's own tree in the store. Collapsible.
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import type { PageAddress } from "@/lib/outline/schema";
import { breadcrumbOf, referenceRoots } from "@/lib/references/roots";
import type { RefGroup } from "@/lib/server/references";
import { pageHref } from "@/lib/store/navigate";
import { pageKeyOf, usePages } from "@/lib/store/pages";
import { ReferenceOutline } from "../outliner/Outliner";
import { Crumb } from "./ZoomScreen";

export function groupAddress(group: RefGroup): PageAddress {
  return group.page.day ? { daily: group.page.day } : { title: group.page.title };
}

function Breadcrumb({ pageKey, uid }: { pageKey: string; uid: string }) {
  // Uids only (strings compare shallowly); each crumb reads its own text.
  const crumbs = usePages(useShallow((state) => {
    const tree = state.pages[pageKey]?.tree;
    return tree ? breadcrumbOf(tree, uid) : [];
  }));
  if (crumbs.length === 0) return null;
  return (
    <nav aria-label="Breadcrumb">
      <ol className="breadcrumbs">
        {crumbs.map((id) => (
          <Crumb key={id} pageKey={pageKey} uid={id} />
        ))}
      </ol>
    </nav>
  );
}

/**
 * `shown` picks, among the group's referencing blocks still in the page, those to show (the
 * unlinked list hides a block once it is linked); `action` adds a control beside each.
 */
export function ReferenceGroup({
  group,
  shown,
  action,
}: {
  group: RefGroup;
  shown?: (content: string) => boolean;
  action?: (pageKey: string, uid: string) => ReactNode;
}) {
  const [open, setOpen] = useState(true);
  const pageKey = pageKeyOf(groupAddress(group));
  const roots = usePages(useShallow((state) => {
    const tree = state.pages[pageKey]?.tree;
    if (!tree) return [];
    const uids = shown ? group.refs.filter((uid) => shown(tree.blocks.get(uid)?.content ?? "")) : group.refs;
    return referenceRoots(tree, uids);
  }));
  if (roots.length === 0) return null;
  return (
    <section className="ref-group" aria-label={group.page.title}>
      <h3 className="ref-group-title">
        <button type="button" className={open ? "fold" : "fold fold-collapsed"} aria-expanded={open} aria-label={open ? `Collapse ${group.page.title}` : `Expand ${group.page.title}`} onClick={() => setOpen(!open)} />
        <Link href={pageHref(group.page.title)} prefetch={false}>{group.page.title}</Link>
      </h3>
      {open &&
        roots.map((uid) => (
          <div key={uid} className="ref-item">
            <Breadcrumb pageKey={pageKey} uid={uid} />
            <div className="ref-body">
              <ReferenceOutline pageKey={pageKey} uid={uid} label={`Reference on ${group.page.title}`} />
              {action?.(pageKey, uid)}
            </div>
          </div>
        ))}
    </section>
  );
}
