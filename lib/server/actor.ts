/** Who is acting: every use case in lib/server takes one and checks access itself. */
export type Actor = {
  readonly userId: string;
  /**
   * The graph the user owns, when it was looked up with the user (route() does both in one
   * query, and keeps the answer a few seconds: auth.ts requestActor); defaultGraphId then asks
   * nothing. It decides which graph a request is about, never whether it may touch it.
   */
  readonly ownGraphId?: string | null;
};
