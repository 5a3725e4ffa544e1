import { describe, expect, it } from "vitest";
import { makeUser, testDatabase } from "../../test/db";
import { checkCredentials, signUp } from "./accounts";

const db = testDatabase();

describe("sign-up", () => {
  it("makes the user, their own graph and their owner membership", async () => {
    const { actor, graphId, email } = await makeUser(db());
    const member = await db().graphMember.findUnique({ where: { graphId_userId: { graphId, userId: actor.userId } } });
    expect(member?.role).toBe("owner");
    const user = await db().user.findUnique({ where: { id: actor.userId } });
    expect(user?.email).toBe(email);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses an e-mail that is taken, whatever its case, with a clear message", async () => {
    const { email } = await makeUser(db());
    await expect(signUp(db(), { email: email.toUpperCase(), password: "another sound password" })).rejects.toMatchObject({
      code: "email_taken",
      message: expect.stringMatching(/already exists/),
    });
  });

  it("refuses a weak password and an invalid address, and writes nothing", async () => {
    const email = `weak-${Date.now()}@example.test`;
    await expect(signUp(db(), { email, password: "short" })).rejects.toMatchObject({ code: "weak_password" });
    await expect(signUp(db(), { email: "not-an-address", password: "a sound test password" })).rejects.toMatchObject({
      code: "invalid_request",
    });
    expect(await db().user.count({ where: { email } })).toBe(0);
  });
});

describe("credentials", () => {
  it("accept the right password only", async () => {
    const { email, actor } = await makeUser(db());
    expect(await checkCredentials(db(), ` ${email.toUpperCase()} `, "a sound test password")).toMatchObject({ id: actor.userId });
    expect(await checkCredentials(db(), email, "a sound test passwort")).toBeNull();
    expect(await checkCredentials(db(), `nobody-${Date.now()}@example.test`, "a sound test password")).toBeNull();
  });
});
