import { randomBytes } from "node:crypto";

import { afterAll, inject } from "vitest";

import { connectDatabase, type Database } from "../db/client.js";
import { createDatabase, dropDatabase } from "../../scripts/postgres.js";

// Creates a fresh, migrated database for one test file, dropped after it.
export async function freshDatabase(): Promise<Database & { url: string }> {
  const serverUrl = inject("databaseServerUrl");
  const template = inject("templateDatabase");
  const name = `${template}_${randomBytes(4).toString("hex")}`;

  const url = await createDatabase(serverUrl, name, template);
  const database = connectDatabase(url);
  afterAll(async () => {
    await database.close();
    await dropDatabase(serverUrl, name);
  });

  return { ...database, url };
}
