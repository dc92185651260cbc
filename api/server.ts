import type { Server } from "node:http";

import { serve } from "@hono/node-server";

import { TrackingService } from "../tracking/service.js";
import { loadFeedsConfig } from "../tracking/sources/config.js";
import { createApp } from "./app.js";
import { verifyToken } from "./auth/tokens.js";
import { readConfig } from "./config.js";
import { connectDatabase } from "./db/client.js";
import { createLogger } from "./logger.js";

// Starts the API and live tracking on HOST:PORT (default 127.0.0.1:8080) and
// stops cleanly on SIGINT/SIGTERM, flushing buffered positions first.
export async function startServer() {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const database = connectDatabase(config.databaseUrl);
  const tracking = new TrackingService(database, logger, (token) => verifyToken(database.db, token, config.adminToken));
  const { app } = createApp({ database, logger, config, tracking });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server;
  await tracking.start(server);
  const failed = await tracking.registry.startAll(await loadFeedsConfig());
  if (failed.length > 0) {
    logger.warn({ failed }, "some feed sources did not start; see the errors above");
  }
  logger.info({ host: config.host, port: config.port }, "api listening");

  const stop = async (signal: string) => {
    logger.info({ signal }, "api stopping");
    server.close();
    await tracking.stop();
    await database.close();
    logger.info("api stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  return { server, database, logger, tracking };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await startServer();
}
