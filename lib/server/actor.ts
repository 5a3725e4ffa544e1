/** Who is acting: every use case in lib/server takes one and checks access itself. */
export type Actor = { readonly userId: string };
