// Password hashing (argon2id at OWASP's recommended minimum) and the password rules.
import { hash, verify } from "@node-rs/argon2";

// OWASP: argon2id (the library default), m=19 MiB, t=2, p=1. About 22 ms here; sign-in is rate-limited before it.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

const COMMON = new Set([
  "password", "password1", "password12", "password123", "passw0rd", "qwertyuiop", "1234567890",
  "0123456789", "123456789a", "iloveyou12", "letmein123", "welcome123", "administrator", "qwerty1234",
  "abcdefghij", "1q2w3e4r5t", "trustno1234", "monkey1234", "dragon1234", "football12",
]);

/** Why `password` is too weak, or undefined. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 256) return "Use at most 256 characters.";
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "That password is too common; choose another.";
  if (new Set(password).size < 4) return "That password repeats too few characters; choose another.";
  const local = email.toLowerCase().split("@")[0] ?? "";
  if (local.length >= 4 && lower.includes(local)) return "Do not put your e-mail address in your password.";
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the e-mail is unknown, so both cases take the same time.
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("loam-timing-equaliser-password");
  return dummyHash;
}
