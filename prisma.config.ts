// Prisma 7 reads its settings here; the datasource URL is not in schema.prisma.
// The CLI is only used for `prisma generate` (scripts/prisma-generate.ts); migrations are
// written and applied without Prisma's native schema engine (see README, "Adding a migration").
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
