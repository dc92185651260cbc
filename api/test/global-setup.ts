import type { TestProject } from "vitest/node";

import { runMigrations } from "../db/migrate.js";
import { createDatabase, dropDatabase, provisionServer } from "../../scripts/postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}

// Provisions PostgreSQL with PostGIS once per run, migrates a template
// database, and drops it (and every per-file database) afterwards.
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL ? process.env.DATABASE_URL : provisionServer();
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const template = `air_rescue_test_${runId}`;

  const templateUrl = await createDatabase(serverUrl, template);
  await runMigrations(templateUrl);

  project.provide("databaseServerUrl", serverUrl);
  project.provide("templateDatabase", template);

  return async () => {
    const { default: postgres } = await import("postgres");
    const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const names = await sql<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE ${template + "%"}`;
    await sql.end();
    for (const { datname } of names) {
      await dropDatabase(serverUrl, datname);
    }
  };
}
