// Accounts: sign-up (a user, their own graph, owner membership, in one transaction) and
// credential checks for sign-in.
import { z } from "zod";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError } from "./errors";
import { hashPassword, passwordProblem, timingDummyHash, verifyPassword } from "./passwords";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid e-mail address.").max(254, "That e-mail address is too long."));

export type SignUpInput = { email: string; password: string; name?: string };
export type NewUser = { userId: string; graphId: string; email: string };

export function normaliseEmail(raw: string): string {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_request", parsed.error.issues[0]?.message ?? "Enter a valid e-mail address.");
  return parsed.data;
}

export async function signUp(db: Db, input: SignUpInput): Promise<NewUser> {
  const email = normaliseEmail(input.email);
  const problem = passwordProblem(input.password, email);
  if (problem) throw new AppError("weak_password", problem);
  const taken = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (taken) throw new AppError("email_taken", "An account with this e-mail address already exists. Sign in instead.");
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, passwordHash, name: input.name?.trim() || null } });
      const graph = await tx.graph.create({
        data: { name: `${email.split("@")[0] ?? "My"}'s graph`, members: { create: { userId: user.id, role: "owner" } } },
      });
      return { userId: user.id, graphId: graph.id, email };
    });
  } catch (error) {
    // Two sign-ups with one address at the same moment: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("email_taken", "An account with this e-mail address already exists. Sign in instead.");
    }
    throw error;
  }
}

/** The user these credentials belong to, or null. Takes the same time whether or not the e-mail exists. */
export async function checkCredentials(db: Db, rawEmail: string, password: string): Promise<{ id: string; email: string; name: string | null } | null> {
  const parsed = emailSchema.safeParse(rawEmail);
  const user = parsed.success
    ? await db.user.findUnique({ where: { email: parsed.data }, select: { id: true, email: true, name: true, passwordHash: true } })
    : null;
  if (!user?.passwordHash) {
    await verifyPassword(await timingDummyHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, name: user.name };
}
