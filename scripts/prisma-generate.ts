// `prisma generate` without network access.
//
// Every Prisma CLI command first tries to download the native schema engine, which these
// machines cannot reach. `generate` never calls that engine, so pointing
// PRISMA_SCHEMA_ENGINE_BINARY at a stub that exits 1 is enough (STACK-NOTES.md).
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const stubDir = join(tmpdir(), "loam-prisma-stub");
const stub = join(stubDir, "schema-engine");
mkdirSync(stubDir, { recursive: true });
writeFileSync(stub, "#!/bin/sh\necho 'Loam: the native schema engine is not used' >&2\nexit 1\n");
chmodSync(stub, 0o755);

const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: ["ignore", "pipe", "inherit"],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
if (result.status !== 0) {
  process.stdout.write(result.stdout);
  process.exit(result.status ?? 1);
}
