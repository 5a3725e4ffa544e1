// The wire format of ops (client → server), validated with zod at the boundary. Shared by the
// client's save queue and the server's batch endpoint.
import { z } from "zod";
import { isIsoDay } from "../markup/daily";
import { MAX_CONTENT_LENGTH } from "./limits";
import type { BatchOp, Op } from "./ops";

export { MAX_CONTENT_LENGTH };
export const MAX_BATCH_OPS = 2_000;
export const MAX_TITLE_LENGTH = 1_000;

const uid = z.string().min(1).max(64).regex(/^[\w-]+$/, "uids are letters, digits, _ and -");
const orderKey = z.string().min(1).max(1024);
const content = z.string().max(MAX_CONTENT_LENGTH, `A block holds at most ${MAX_CONTENT_LENGTH.toLocaleString("en")} characters`);
const props = z.record(z.string(), z.unknown());

export const opSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("create"), uid, parent: uid.nullable(), order: orderKey, content, props: props.optional() }),
  z.object({ type: z.literal("update"), uid, content }),
  z.object({ type: z.literal("move"), uid, parent: uid.nullable(), order: orderKey }),
  z.object({ type: z.literal("delete"), uid }),
  z.object({ type: z.literal("setProps"), uid, props }),
  z.object({ type: z.literal("split"), uid, offset: z.number().int().min(0).max(MAX_CONTENT_LENGTH), newUid: uid }),
  z.object({ type: z.literal("merge"), uid }),
  z.object({ type: z.literal("indent"), uid }),
  z.object({ type: z.literal("outdent"), uid }),
]) satisfies z.ZodType<SendableOp>;

/** What travels to the server: any op but a batch (a batch is sent as its ops, one by one). */
export type SendableOp = Exclude<Op, BatchOp>;

/** Which page an op is on: a daily page by its day, any other page by its exact title. */
export const pageAddressSchema = z.union([
  z.object({ daily: z.string().refine(isIsoDay, "daily must be a real day as yyyy-MM-dd") }),
  // Exactly as written: " Spaced " and "Spaced" are two pages, as in Roam (never trimmed).
  z.object({ title: z.string().min(1).max(MAX_TITLE_LENGTH).refine((title) => title.trim() !== "", "a page title cannot be blank") }),
]);
export type PageAddress = z.infer<typeof pageAddressSchema>;

export const wireOpSchema = z.object({
  /** Made by the client; an op id the server has seen is not applied again. */
  id: z.string().min(8).max(64),
  page: pageAddressSchema,
  op: opSchema,
  /**
   * For deletes: the newest op-log position the tab had heard of when it made the op. The delete
   * keeps blocks another tab changed after that (lib/outline/conflicts.ts). Absent: delete.
   */
  seen: z.number().int().min(0).optional(),
});
export type WireOp = z.infer<typeof wireOpSchema>;

export const batchSchema = z.object({
  ops: z.array(wireOpSchema).min(1).max(MAX_BATCH_OPS),
  /** The sending tab: live updates skip a tab's own changes. */
  clientId: z.string().min(8).max(64).optional(),
});
export type Batch = z.infer<typeof batchSchema>;
