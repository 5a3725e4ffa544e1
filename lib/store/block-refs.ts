// Blocks shown inside other blocks (`((uid))`, embeds). Every reference rendered in the same
// tick is fetched in one request; answers are kept for the session. A referenced block that is
// loaded in an open page is read from there instead, so edits show at once.
import { create } from "zustand";
import type { ReferencedBlock } from "../server/blocks";
import { getJson } from "./api";

export type RefEntry = { status: "loading" } | { status: "missing" } | { status: "error"; message: string } | ({ status: "ok" } & ReferencedBlock);

type State = { entries: Record<string, RefEntry>; subtrees: Record<string, RefEntry> };

export const useBlockRefs = create<State>(() => ({ entries: {}, subtrees: {} }));

const pending = { uids: new Set<string>(), subtree: new Set<string>() };
let scheduled = false;

function setEntries(kind: keyof State, uids: Iterable<string>, entry: (uid: string) => RefEntry): void {
  useBlockRefs.setState((state) => {
    const next = { ...state[kind] };
    for (const uid of uids) next[uid] = entry(uid);
    return { [kind]: next } as Partial<State>;
  });
}

async function flush(): Promise<void> {
  scheduled = false;
  const uids = [...pending.uids];
  const subtree = [...pending.subtree];
  pending.uids.clear();
  pending.subtree.clear();
  for (let i = 0; i < Math.max(uids.length, subtree.length); i += 200) {
    const someUids = uids.slice(i, i + 200);
    const someSubtrees = subtree.slice(i, i + 200);
    try {
      const { blocks } = await getJson<{ blocks: ReferencedBlock[] }>(
        `/api/blocks?uids=${someUids.join(",")}&subtree=${someSubtrees.join(",")}`,
      );
      const found = new Map(blocks.map((block) => [block.uid, block]));
      const entry = (uid: string): RefEntry => {
        const block = found.get(uid);
        return block ? { status: "ok", ...block } : { status: "missing" };
      };
      setEntries("entries", someUids, entry);
      setEntries("subtrees", someSubtrees, entry);
    } catch (error) {
      const failed = (): RefEntry => ({ status: "error", message: (error as Error).message });
      setEntries("entries", someUids, failed);
      setEntries("subtrees", someSubtrees, failed);
    }
  }
}

/** Asks for a referenced block (with its subtree for embeds); answers arrive in the store. */
export function requestBlock(uid: string, withSubtree: boolean): void {
  const kind = withSubtree ? "subtrees" : "entries";
  if (useBlockRefs.getState()[kind][uid]) return;
  setEntries(kind, [uid], () => ({ status: "loading" }));
  (withSubtree ? pending.subtree : pending.uids).add(uid);
  if (!scheduled) {
    scheduled = true;
    setTimeout(() => void flush(), 0);
  }
}
