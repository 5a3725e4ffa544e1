import type { NextConfig } from "next";

const config: NextConfig = {
  // These load native code or .wasm files at run time: keep them out of the server bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
