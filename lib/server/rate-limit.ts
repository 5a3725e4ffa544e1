// Sign-in and sign-up attempts are limited before any password is hashed (hashing is the
// expensive part, and guessing is the threat). Kept in memory: per app server.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "./errors";

const perAccount = new RateLimiterMemory({ keyPrefix: "signin-account", points: 10, duration: 15 * 60 });
const perAddress = new RateLimiterMemory({ keyPrefix: "signin-ip", points: 50, duration: 15 * 60 });

export async function limitAttempt(email: string, ip: string): Promise<void> {
  try {
    await Promise.all([perAccount.consume(email.toLowerCase()), perAddress.consume(ip || "unknown")]);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
      throw new AppError("rate_limited", `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    }
    throw error;
  }
}

export async function forgetAttempts(email: string): Promise<void> {
  await perAccount.delete(email.toLowerCase());
}
