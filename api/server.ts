import { serve } from "@hono/node-server";

import { createApp } from "./app.js";
import { readConfig } from "./config.js";
import { connectDatabase } from "./db/client.js";
import { createLogger } from "./logger.js";

// Starts the API on HOST:PORT (default 127.0.0.1:8080) and stops cleanly on SIGINT/SIGTERM.
export async function startServer() {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const database = connectDatabase(config.databaseUrl);
  const { app } = createApp({ database, logger, config });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  logger.info({ host: config.host, port: config.port }, "api listening");

  const stop = async (signal: string) => {
    logger.info({ signal }, "api stopping");
    server.close();
    await database.close();
    logger.info("api stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  return { server, database, logger };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await startServer();
}
