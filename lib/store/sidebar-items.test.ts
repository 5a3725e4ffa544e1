import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedItem, MAX_SIDEBAR_ITEMS, openedItem, parseItems, toggledItem, type SidebarItem, type SidebarTarget } from "./sidebar-items";

let counter = 0;
const newId = () => `id${++counter}`;

describe("the sidebar's list", () => {
  it("opens newest first, and brings an open one back to the top, expanded", () => {
    let items: SidebarItem[] = [];
    items = openedItem(items, { kind: "page", title: "Books" }, newId);
    items = openedItem(items, { kind: "block", uid: "abc123def" }, newId);
    expect(items.map((item) => item.kind)).toEqual(["block", "page"]);
    const books = items[1]!;
    items = toggledItem(items, books.id);
    expect(items[1]!.collapsed).toBe(true);
    items = openedItem(items, { kind: "page", title: "Books" }, newId);
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({ ...books, collapsed: false });
    // Titles differ by case: two pages, as in Roam.
    items = openedItem(items, { kind: "page", title: "books" }, newId);
    expect(items).toHaveLength(3);
    expect(closedItem(items, books.id).map((item) => item.id)).not.toContain(books.id);
  });

  it("never holds more than the limit, nor the same target twice", () => {
    const target = fc.oneof(
      fc.record({ kind: fc.constant("page" as const), title: fc.constantFrom("a", "A", "b", "c d", "😉") }),
      fc.record({ kind: fc.constant("block" as const), uid: fc.constantFrom("u1", "u2", "u3") }),
    );
    fc.assert(
      fc.property(fc.array(target, { maxLength: 60 }), (targets: SidebarTarget[]) => {
        let items: SidebarItem[] = [];
        for (const next of targets) items = openedItem(items, next, newId);
        expect(items.length).toBeLessThanOrEqual(MAX_SIDEBAR_ITEMS);
        const keys = items.map((item) => (item.kind === "page" ? `p:${item.title}` : `b:${item.uid}`));
        expect(new Set(keys).size).toBe(keys.length);
        const last = targets.at(-1);
        if (last) expect(keys[0]).toBe(last.kind === "page" ? `p:${last.title}` : `b:${last.uid}`);
      }),
    );
  });

  it("reads back what it kept, and drops what is malformed", () => {
    const items: SidebarItem[] = [
      { kind: "page", title: " Spaced [[x]] ", id: "a1", collapsed: true },
      { kind: "block", uid: "xY_-9", id: "b2", collapsed: false },
    ];
    expect(parseItems(JSON.stringify(items))).toEqual(items);
    expect(parseItems(null)).toEqual([]);
    expect(parseItems("{not json")).toEqual([]);
    expect(parseItems(JSON.stringify({ kind: "page" }))).toEqual([]);
    const mixed = [{ kind: "page", title: "", id: "c" }, { kind: "block", uid: "bad uid", id: "d" }, { kind: "page", title: "Ok", id: "e" }, { kind: "page", title: "Dup", id: "e" }, 7, null];
    expect(parseItems(JSON.stringify(mixed))).toEqual([{ kind: "page", title: "Ok", id: "e", collapsed: false }]);
  });
});
