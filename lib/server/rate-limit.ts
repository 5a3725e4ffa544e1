// Failed sign-in and sign-up attempts are counted per account and per client address, and a
// caller over the limit is turned away before any password is hashed (hashing is the costly
// part, guessing the threat). Successes cost nothing, so a household behind one address is
// never locked out by its own use. Kept in memory: per app server.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "./errors";

const WINDOW_SECONDS = 15 * 60;
const perAccount = new RateLimiterMemory({ keyPrefix: "fail-account", points: 10, duration: WINDOW_SECONDS });
const perAddress = new RateLimiterMemory({ keyPrefix: "fail-ip", points: 100, duration: WINDOW_SECONDS });

function tooMany(msBeforeNext: number): AppError {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  return new AppError("rate_limited", `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}

/** Throws `rate_limited` when this account or address has failed too often lately. */
export async function checkAttempts(account: string, ip: string): Promise<void> {
  const [byAccount, byAddress] = await Promise.all([perAccount.get(account.toLowerCase()), perAddress.get(ip || "unknown")]);
  if (byAccount && byAccount.consumedPoints >= 10) throw tooMany(byAccount.msBeforeNext);
  if (byAddress && byAddress.consumedPoints >= 100) throw tooMany(byAddress.msBeforeNext);
}

export async function recordFailure(account: string, ip: string): Promise<void> {
  const consume = async (limiter: RateLimiterMemory, key: string) => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error; // over the limit: checkAttempts says so next time
    }
  };
  await Promise.all([consume(perAccount, account.toLowerCase()), consume(perAddress, ip || "unknown")]);
}

export async function forgetFailures(account: string): Promise<void> {
  await perAccount.delete(account.toLowerCase());
}
