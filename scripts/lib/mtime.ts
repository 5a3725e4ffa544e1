// When sources last changed: the newest modification time under a path (dependencies, generated
// code and dot-folders left out). scripts/start.ts and bench-save.ts build only when sources are
// newer than the last build.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "generated" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}
