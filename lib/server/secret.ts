// The auth secret: AUTH_SECRET when set (required when several app servers share sessions),
// otherwise one made on first start and kept under the data folder.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "../db/config";

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.AUTH_SECRET?.trim();
  if (fromEnv) return (cached = fromEnv);
  const dir = dataDir();
  const file = join(dir, "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
    if (cached) return cached;
  } catch {
    // Not made yet.
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    cached = secret;
  } catch {
    // Another process wrote it first: use theirs.
    cached = readFileSync(file, "utf8").trim();
  }
  return cached;
}
