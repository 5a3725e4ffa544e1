/** Who is acting: every use case in lib/server takes one and checks access itself. */
export type Actor = {
  readonly userId: string;
  /**
   * The graph the user owns, when it was looked up with the user for this request (route()
   * does both in one query); defaultGraphId then asks nothing. Never kept across requests.
   */
  readonly ownGraphId?: string | null;
};
