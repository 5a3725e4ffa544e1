// Group commit: requests that arrive while the database is busy with earlier ones are run
// together, as one statement, when it is free — one round trip, one plan, one WAL flush for
// the lot instead of one each. Nothing waits for a timer: a request arriving at an idle
// committer starts a group on the next turn of the event loop (so requests that came in the
// same turn share it); under load, groups grow by themselves with the time a group takes.
// Each request still gets its own answer, and only once its group has committed.

export type GroupCommitOptions<I> = {
  /** Most requests in one group. */
  maxItems: number;
  /** Groups in flight at once (each holds a database connection). */
  concurrency: number;
  /** Keys of a request: two requests sharing one never go in the same group (the later waits for the next). */
  keys: (item: I) => readonly string[];
  /** Requests of one lane keep their order: once one waits for the next group, the later ones of its lane wait too. */
  lane: (item: I) => string;
};

type Waiting<I, O> = { item: I; resolve: (outcome: O) => void; reject: (error: unknown) => void };

/**
 * A function that runs `item` in the next group `runGroup` is given, and answers its outcome.
 * `runGroup` answers one outcome per item, in order. When it throws for a group of several,
 * each of them is run again alone, so an error reaches only the requests that cause it.
 */
export function groupCommitter<I, O>(runGroup: (items: readonly I[]) => Promise<readonly O[]>, options: GroupCommitOptions<I>): (item: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let running = 0;
  let scheduled = false;

  /** The next group: the oldest requests first, none sharing a key, none overtaking one of its lane, at most maxItems. */
  function take(): Waiting<I, O>[] {
    const taken: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    const held = new Set<string>();
    for (let i = 0; i < queue.length && taken.length < options.maxItems; ) {
      const waiting = queue[i] as Waiting<I, O>;
      const mine = options.keys(waiting.item);
      const lane = options.lane(waiting.item);
      if (held.has(lane) || mine.some((key) => keys.has(key))) {
        held.add(lane);
        i += 1;
        continue;
      }
      for (const key of mine) keys.add(key);
      taken.push(waiting);
      queue.splice(i, 1);
    }
    return taken;
  }

  async function run(group: readonly Waiting<I, O>[]): Promise<void> {
    let outcomes: readonly O[];
    try {
      outcomes = await runGroup(group.map((waiting) => waiting.item));
      if (outcomes.length !== group.length) throw new Error(`A group of ${group.length} answered ${outcomes.length} outcomes`);
    } catch (error) {
      if (group.length === 1) (group[0] as Waiting<I, O>).reject(error);
      // One after the other: alone, none of them can wait for another (a deadlock between
      // two groups is one of the errors that get here).
      else for (const waiting of group) await run([waiting]);
      return;
    }
    group.forEach((waiting, i) => waiting.resolve(outcomes[i] as O));
  }

  function flush(): void {
    scheduled = false;
    while (running < options.concurrency && queue.length > 0) {
      const group = take();
      running += 1;
      void run(group).finally(() => {
        running -= 1;
        kick();
      });
    }
  }

  function kick(): void {
    if (scheduled || running >= options.concurrency || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      kick();
    });
}
