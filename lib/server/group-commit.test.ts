// The group committer on its own, with a stand-in for the statement that records each group.
import { describe, expect, it } from "vitest";
import { groupCommitter } from "./group-commit";

type Item = { name: string; lane: string; keys: string[] };

const item = (name: string, lane = name, keys: string[] = [name]): Item => ({ name, lane, keys });

/** A committer whose groups are recorded; `gate` holds each group until released. */
function recording(options: { concurrency?: number; maxItems?: number; failWhen?: (group: readonly Item[]) => boolean } = {}) {
  const groups: string[][] = [];
  const release: (() => void)[] = [];
  const commit = groupCommitter<Item, string>(
    async (group) => {
      groups.push(group.map((i) => i.name));
      await new Promise<void>((resolve) => release.push(resolve));
      if (options.failWhen?.(group)) throw new Error(`failed: ${group.map((i) => i.name).join(",")}`);
      return group.map((i) => `done ${i.name}`);
    },
    { maxItems: options.maxItems ?? 50, concurrency: options.concurrency ?? 1, keys: (i) => i.keys, lane: (i) => i.lane },
  );
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const releaseAll = async () => {
    for (let i = 0; i < 20; i++) {
      release.splice(0).forEach((go) => go());
      await tick();
    }
  };
  return { commit, groups, releaseAll, tick };
}

describe("groupCommitter", () => {
  it("runs what arrives in one turn as one group, and what arrives while it runs as the next", async () => {
    const { commit, groups, releaseAll, tick } = recording();
    const first = [commit(item("a")), commit(item("b"))];
    await tick();
    const later = [commit(item("c")), commit(item("d")), commit(item("e"))];
    await releaseAll();
    expect(await Promise.all([...first, ...later])).toEqual(["done a", "done b", "done c", "done d", "done e"]);
    expect(groups).toEqual([["a", "b"], ["c", "d", "e"]]);
  });

  it("never puts two items sharing a key in one group, and keeps a lane's order behind the one that waits", async () => {
    const { commit, groups, releaseAll } = recording();
    const answers = Promise.all([
      commit(item("a1", "g1", ["g1:x"])),
      commit(item("a2", "g1", ["g1:x"])),
      commit(item("a3", "g1", ["g1:y"])),
      commit(item("b1", "g2", ["g2:x"])),
    ]);
    await releaseAll();
    await answers;
    expect(groups).toEqual([["a1", "b1"], ["a2", "a3"]]);
  });

  it("keeps to maxItems per group and to the concurrency", async () => {
    const { commit, groups, releaseAll, tick } = recording({ maxItems: 2, concurrency: 2 });
    const answers = Promise.all(["a", "b", "c", "d", "e"].map((name) => commit(item(name))));
    await tick();
    expect(groups).toEqual([["a", "b"], ["c", "d"]]);
    await releaseAll();
    await answers;
    expect(groups).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("runs a failed group again one by one, so only the item that fails gets the error", async () => {
    const { commit, groups, releaseAll } = recording({ failWhen: (group) => group.some((i) => i.name === "bad") });
    const answers = Promise.allSettled([commit(item("a")), commit(item("bad")), commit(item("c"))]);
    await releaseAll();
    const settled = await answers;
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual(["done a", "failed: bad", "done c"]);
    expect(groups).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });
});
