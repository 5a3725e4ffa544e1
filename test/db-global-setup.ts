// Vitest global setup of the `db` project: one fresh database for the run, migrated with the
// same runner the app uses, dropped at the end. Each test then makes its own users and graphs.
import type { TestProject } from "vitest/node";
import { openDatabase } from "../lib/db/client";
import { createDatabase, dropDatabase } from "./pg-admin";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const { name, url } = await createDatabase("loam_test");
  const database = await openDatabase({ kind: "postgres", url });
  await database.close();
  project.provide("databaseUrl", url);
  return async () => {
    await dropDatabase(name);
  };
}
