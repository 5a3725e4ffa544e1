// The right sidebar's state: the open panels (lib/store/sidebar-items.ts), kept per user in
// localStorage so they survive a reload. components/sidebar renders them.
import { nanoid } from "nanoid";
import { create } from "zustand";
import { closedItem, openedItem, parseItems, toggledItem, type SidebarItem, type SidebarTarget } from "./sidebar-items";

type SidebarState = { items: SidebarItem[]; userId: string | null };

export const useSidebar = create<SidebarState>(() => ({ items: [], userId: null }));

const storageKey = (userId: string) => `loam:sidebar:${userId}`;

function update(items: SidebarItem[]): void {
  useSidebar.setState({ items });
  const { userId } = useSidebar.getState();
  if (userId === null) return;
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(items));
  } catch {
    // Storage full or disabled: the sidebar still works, it just will not survive a reload.
  }
}

/** Reads the user's panels back (on sign-in, after a reload). */
export function restoreSidebar(userId: string): void {
  let raw: string | null;
  try {
    raw = localStorage.getItem(storageKey(userId));
  } catch {
    raw = null; // storage disabled: start empty
  }
  useSidebar.setState({ userId, items: parseItems(raw) });
}

export function openInSidebar(target: SidebarTarget): void {
  update(openedItem(useSidebar.getState().items, target, () => nanoid(10)));
}

export function closeSidebarItem(id: string): void {
  update(closedItem(useSidebar.getState().items, id));
}

export function toggleSidebarItem(id: string): void {
  update(toggledItem(useSidebar.getState().items, id));
}

export function closeSidebar(): void {
  update([]);
}

/** The place (lib/store/pages.ts) a panel shows its page or block in. */
export const sidebarView = (id: string) => `sidebar:${id}`;
