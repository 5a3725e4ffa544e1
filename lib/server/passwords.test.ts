import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords";

describe("password rules", () => {
  it("refuse short, common, repetitive and e-mail-based passwords with a reason", () => {
    expect(passwordProblem("short", "a@b.c")).toMatch(/at least 10/);
    expect(passwordProblem("password123", "a@b.c")).toMatch(/common/);
    expect(passwordProblem("aaaaaaaaaaaa", "a@b.c")).toMatch(/repeats/);
    expect(passwordProblem("vincent-2026-x", "vincent@example.com")).toMatch(/e-mail/);
  });

  it("accept a sound passphrase", () => {
    expect(passwordProblem("correct horse battery staple", "a@b.c")).toBeUndefined();
  });
});

describe("argon2id hashing", () => {
  it("verifies the right password only", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapl")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});
