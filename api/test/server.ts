import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import { serve } from "@hono/node-server";

import type { TrackingOptions } from "../../tracking/service.js";
import { seedDemo } from "../../scripts/seed.js";
import { testApp } from "./app.js";

export interface TestServerOptions {
  seed?: boolean;
  tracking?: Partial<TrackingOptions>;
  // Handles a request before the app, for files a test serves beside the
  // API (a harness page). Returning undefined passes the request to the app.
  serveFirst?: (request: Request) => Response | undefined;
}

// Starts the real app over HTTP on a random loopback port, on a fresh
// database seeded with the demo data. For browser and socket tests.
export async function startTestServer(options: TestServerOptions = {}) {
  const t = await testApp({ tracking: options.tracking });
  if (options.seed ?? true) {
    await seedDemo(t.database);
  }

  const serveFirst = options.serveFirst;
  const fetch: typeof t.app.fetch = serveFirst ? (request, ...rest) => serveFirst(request) ?? t.app.fetch(request, ...rest) : t.app.fetch;
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await t.tracking?.start(server);

  return {
    ...t,
    server,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    close: async () => {
      await t.tracking?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
