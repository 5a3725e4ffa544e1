// Runs once when the app server starts: open the database (creating the embedded one on first
// start) and apply migrations before the first request, not during it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { database } = await import("./lib/db/client");
  const started = Date.now();
  const { target } = await database();
  const where = target.kind === "embedded" ? `embedded database at ${target.dataDir}` : "PostgreSQL (DATABASE_URL)";
  console.log(`Loam: ${where} ready in ${Date.now() - started} ms`);
}
