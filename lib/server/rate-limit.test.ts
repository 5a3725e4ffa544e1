import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkAttempts, forgetFailures, recordFailure } from "./rate-limit";

describe("sign-in attempt limits", () => {
  it("turn an account away after 10 failures, before any hashing, and not other accounts", async () => {
    const account = `${randomUUID()}@example.test`;
    const ip = `10.0.0.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 10; i++) {
      await checkAttempts(account, ip);
      await recordFailure(account, ip);
    }
    await expect(checkAttempts(account, ip)).rejects.toMatchObject({ code: "rate_limited", message: expect.stringMatching(/Try again in \d+ minutes?/) });
    await expect(checkAttempts(`${randomUUID()}@example.test`, ip)).resolves.toBeUndefined();
    await forgetFailures(account);
    await expect(checkAttempts(account, ip)).resolves.toBeUndefined();
  });

  it("count successes for nothing: many accounts from one address are fine", async () => {
    const ip = `10.1.0.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 200; i++) await checkAttempts(`${randomUUID()}@example.test`, ip);
  });
});
