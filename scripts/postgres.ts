import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import postgres from "postgres";

const provisionScript = fileURLToPath(new URL("./provision-postgres.sh", import.meta.url));

// Runs provision-postgres.sh and returns the server URL (database "postgres").
export function provisionServer(): string {
  const output = execFileSync("bash", [provisionScript], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  const lines = output.trim().split("\n");
  return withDatabase(lines[lines.length - 1]!, "postgres");
}

export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

async function onMaintenance<T>(serverUrl: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(withDatabase(serverUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  return onMaintenance(serverUrl, async (sql) => (await sql`SELECT 1 FROM pg_database WHERE datname = ${name}`).length > 0);
}

export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  await onMaintenance(serverUrl, async (sql) => {
    if (template) {
      await sql.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } else {
      await sql.unsafe(`CREATE DATABASE "${name}"`);
    }
  });
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onMaintenance(serverUrl, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
