// The demo in one command: provisions PostgreSQL with PostGIS, migrates,
// seeds the Bayannur demo data, builds the console if needed, serves the
// API and console on http://127.0.0.1:8080 (PORT, HOST to change), and
// feeds it live traffic from the fleet simulator and a replayed recording
// (DEMO_FEEDS=0 turns the traffic off).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { runMigrations } from "../api/db/migrate.js";
import { connectDatabase } from "../api/db/client.js";
import { createLogger } from "../api/logger.js";
import { startServer } from "../api/server.js";
import { startDemoFeeds } from "./demo-feeds.js";
import { createDatabase, databaseExists, provisionServer } from "./postgres.js";
import { seedDemo } from "./seed.js";

const top = fileURLToPath(new URL("../", import.meta.url));
const logger = createLogger();

async function ensureDatabaseUrl(): Promise<string> {
  if (process.env.DATABASE_URL) {
    return process.env.DATABASE_URL;
  }
  const serverUrl = provisionServer();
  if (!(await databaseExists(serverUrl, "air_rescue"))) {
    logger.info({ database: "air_rescue" }, "creating database");
    return createDatabase(serverUrl, "air_rescue");
  }
  const url = new URL(serverUrl);
  url.pathname = "/air_rescue";
  return url.toString();
}

// Keeps one admin token per checkout in .data/admin-token (mode 600), unless
// ADMIN_TOKEN is set, so the console link printed below keeps working.
function ensureAdminToken(): string {
  if (process.env.ADMIN_TOKEN) {
    return process.env.ADMIN_TOKEN;
  }
  const file = `${top}.data/admin-token`;
  if (!existsSync(file)) {
    mkdirSync(`${top}.data`, { recursive: true });
    writeFileSync(file, `art_${randomBytes(32).toString("base64url")}\n`);
    chmodSync(file, 0o600);
  }
  return readFileSync(file, "utf8").trim();
}

// Newest modification time of the console's sources (web/ without dist/, and data/).
function newestSourceChangeMs(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.name === "dist" || entry.name === "node_modules") {
      continue;
    }
    newest = Math.max(newest, entry.isDirectory() ? newestSourceChangeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildConsoleIfStale(): void {
  const built = `${top}web/dist/index.html`;
  if (existsSync(built) && statSync(built).mtimeMs > Math.max(newestSourceChangeMs(`${top}web`), newestSourceChangeMs(`${top}data`))) {
    return;
  }
  logger.info("building the console with vite");
  execFileSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], { cwd: top, stdio: "inherit" });
}

async function main() {
  const databaseUrl = await ensureDatabaseUrl();
  process.env.DATABASE_URL = databaseUrl;
  process.env.ADMIN_TOKEN = ensureAdminToken();

  await runMigrations(databaseUrl);
  const database = connectDatabase(databaseUrl, { max: 2 });
  await seedDemo(database);
  await database.close();
  logger.info("database migrated and demo data loaded");

  if (existsSync(`${top}web/vite.config.ts`)) {
    buildConsoleIfStale();
  }

  const { tracking, logger: serverLogger } = await startServer();
  if (process.env.DEMO_FEEDS !== "0") {
    const stopFeeds = await startDemoFeeds(tracking, serverLogger);
    tracking.onStop(stopFeeds);
  }
  const host = process.env.HOST ?? "127.0.0.1";
  const port = process.env.PORT ?? "8080";
  console.log(`\n  Console: http://${host}:${port}/#token=${process.env.ADMIN_TOKEN}\n  (the token after #token= is this checkout's admin token, kept in .data/admin-token)\n`);
}

await main();
