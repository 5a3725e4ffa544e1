// The right sidebar's list (pure): pages and blocks opened beside the screen with Shift+click,
// newest first as in Roam. Opening one that is already there brings it to the top, expanded.

export type SidebarTarget = { kind: "page"; title: string } | { kind: "block"; uid: string };
export type SidebarItem = SidebarTarget & { id: string; collapsed: boolean };

/** More than this and the oldest panels close: each one holds a page in memory. */
export const MAX_SIDEBAR_ITEMS = 20;

export function sameTarget(a: SidebarTarget, b: SidebarTarget): boolean {
  if (a.kind === "page" && b.kind === "page") return a.title === b.title;
  if (a.kind === "block" && b.kind === "block") return a.uid === b.uid;
  return false;
}

export function openedItem(items: readonly SidebarItem[], target: SidebarTarget, newId: () => string): SidebarItem[] {
  const existing = items.find((item) => sameTarget(item, target));
  const item: SidebarItem = existing ? { ...existing, collapsed: false } : { ...target, id: newId(), collapsed: false };
  return [item, ...items.filter((other) => other !== existing)].slice(0, MAX_SIDEBAR_ITEMS);
}

export function closedItem(items: readonly SidebarItem[], id: string): SidebarItem[] {
  return items.filter((item) => item.id !== id);
}

export function toggledItem(items: readonly SidebarItem[], id: string): SidebarItem[] {
  return items.map((item) => (item.id === id ? { ...item, collapsed: !item.collapsed } : item));
}

const ID = /^[\w-]{1,40}$/;

/** The list as kept in localStorage; anything malformed (an old version, a hand edit) is dropped, never thrown. */
export function parseItems(raw: string | null): SidebarItem[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const items: SidebarItem[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== "object" || entry === null) continue;
    const { id, kind, title, uid, collapsed } = entry as Record<string, unknown>;
    if (typeof id !== "string" || !ID.test(id) || items.some((item) => item.id === id)) continue;
    const folded = collapsed === true;
    if (kind === "page" && typeof title === "string" && title.length > 0) items.push({ kind, title, id, collapsed: folded });
    else if (kind === "block" && typeof uid === "string" && ID.test(uid)) items.push({ kind, uid, id, collapsed: folded });
  }
  return items.slice(0, MAX_SIDEBAR_ITEMS);
}
