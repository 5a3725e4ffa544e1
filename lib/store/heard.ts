// The newest op-log position this tab has heard of through its live updates (live.ts notes
// it). Each batch the save queue sends carries it, so the server can tell which changes by other
// tabs the sender had not seen when it deleted something (lib/outline/conflicts.ts).
let heard: number | undefined;

export function noteHeard(seq: number): void {
  if (Number.isSafeInteger(seq) && seq >= 0 && (heard === undefined || seq > heard)) heard = seq;
}

/** Undefined until the tab's live updates have started. */
export function heardUpTo(): number | undefined {
  return heard;
}
