// `npm test`: every test, in order — typecheck, lint, unit tests, integration tests on a real
// PostgreSQL (a fresh database, dropped after), and browser tests on a production build in
// Debian's Chromium. Installs Chromium and starts PostgreSQL when they are missing. Stops at the
// first failing step and prints how long each took.
import { spawnSync } from "node:child_process";
import { ensureChromium, ensurePostgres } from "./lib/services";

type Step = { name: string; command: string; args: string[] };

const steps: Step[] = [
  { name: "typecheck", command: "npm", args: ["run", "--silent", "typecheck"] },
  { name: "lint", command: "npm", args: ["run", "--silent", "lint"] },
  { name: "unit tests", command: "npx", args: ["vitest", "run", "--project", "unit"] },
  { name: "integration tests (PostgreSQL)", command: "npx", args: ["vitest", "run", "--project", "db"] },
  { name: "browser tests (Playwright, Chromium)", command: "npx", args: ["tsx", "scripts/e2e.ts"] },
];

async function main(): Promise<number> {
  ensureChromium();
  await ensurePostgres();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const times: string[] = [];
  for (const step of steps) {
    console.log(`\n=== ${step.name} ===`);
    const started = Date.now();
    const status = spawnSync(step.command, step.args, { stdio: "inherit", env }).status ?? 1;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    times.push(`${status === 0 ? "ok  " : "FAIL"} ${step.name} (${seconds} s)`);
    if (status !== 0) {
      console.log(`\n${times.join("\n")}`);
      return status;
    }
  }
  console.log(`\n${times.join("\n")}\nAll tests passed.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
