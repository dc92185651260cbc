// The demo in one command: provisions PostgreSQL with PostGIS, migrates,
// seeds the Bayannur demo data, builds the console if needed, serves the
// API and console on http://127.0.0.1:8080 (PORT, HOST to change), and
// feeds it live traffic from the fleet simulator and a replayed recording
// (DEMO_FEEDS=0 turns the traffic off). The simulator flies dispatched
// aircraft to their incidents and back.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { runMigrations } from "../api/db/migrate.js";
import { connectDatabase, type Database } from "../api/db/client.js";
import { createLogger } from "../api/logger.js";
import { startServer } from "../api/server.js";
import { generateToken, hashToken } from "../api/auth/tokens.js";
import { seedDemoUsers } from "../api/auth/users/seed.js";
import { apiTokens } from "../api/db/schema.js";
import { demoPortsFrom, startDemoFeeds } from "./demo-feeds.js";
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

// Keeps a secret per checkout in .data/NAME (mode 600), unless the
// environment variable is set, so links and logins printed below keep working
// from one start to the next.
function ensureLocalSecret(variable: string, name: string, make: () => string): string {
  if (process.env[variable]) {
    return process.env[variable]!;
  }
  const file = `${top}.data/${name}`;
  if (!existsSync(file)) {
    mkdirSync(`${top}.data`, { recursive: true });
    writeFileSync(file, `${make()}\n`);
    chmodSync(file, 0o600);
  }
  return readFileSync(file, "utf8").trim();
}

// Registers the fleet simulator's viewer token, kept in .data/simulator-token
// like the secrets above, so the simulator reads missions without the admin
// token. A token an admin has revoked stays revoked: the simulator then
// logs the failed polls and only patrols.
async function ensureSimulatorToken(database: Database): Promise<string> {
  const token = ensureLocalSecret("SIMULATOR_TOKEN", "simulator-token", generateToken);
  await database.db
    .insert(apiTokens)
    .values({ name: "demo fleet simulator", role: "viewer", city: "bayannur", tokenHash: hashToken(token) })
    .onConflictDoNothing({ target: apiTokens.tokenHash });
  return token;
}

// Returns the URL at which this process reaches its own API: a wildcard HOST
// (0.0.0.0, ::) listens on loopback too.
function ownApiUrl(host: string, port: string): string {
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
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
  const demoPorts = process.env.DEMO_FEEDS === "0" ? null : demoPortsFrom(process.env);
  const databaseUrl = await ensureDatabaseUrl();
  process.env.DATABASE_URL = databaseUrl;
  process.env.ADMIN_TOKEN = ensureLocalSecret("ADMIN_TOKEN", "admin-token", () => `art_${randomBytes(32).toString("base64url")}`);
  process.env.DEMO_PASSWORD = ensureLocalSecret("DEMO_PASSWORD", "demo-password", () => randomBytes(12).toString("base64url"));

  await runMigrations(databaseUrl);
  const database = connectDatabase(databaseUrl, { max: 2 });
  await seedDemo(database);
  const demoUsers = await seedDemoUsers(database);
  const simulatorToken = demoPorts ? await ensureSimulatorToken(database) : null;
  await database.close();
  logger.info("database migrated and demo data loaded");

  if (existsSync(`${top}web/vite.config.ts`)) {
    buildConsoleIfStale();
  }

  const { tracking, logger: serverLogger } = await startServer();
  const host = process.env.HOST ?? "127.0.0.1";
  const port = process.env.PORT ?? "8080";
  if (demoPorts) {
    const missions = simulatorToken ? { apiUrl: ownApiUrl(host, port), token: simulatorToken } : null;
    const stopFeeds = await startDemoFeeds(tracking, serverLogger, demoPorts, missions);
    tracking.onStop(stopFeeds);
  }
  console.log(
    [
      "",
      `  Console: http://${host}:${port}/#token=${process.env.ADMIN_TOKEN}`,
      "  (the token after #token= is this checkout's admin token, kept in .data/admin-token)",
      `  Demo users (demo only): ${demoUsers.usernames.join(", ")}`,
      `  Their password, kept in .data/demo-password: ${demoUsers.password}`,
      "",
    ].join("\n"),
  );
}

try {
  await main();
} catch (error) {
  logger.fatal({ err: error }, "npm start failed");
  console.error(`\nnpm start failed: ${(error as Error).message}`);
  process.exit(1);
}
