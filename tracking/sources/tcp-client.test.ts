import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff.js";
import { TcpClientSource } from "./tcp-client.js";
import { CollectingSink, quietLogger, waitFor } from "./test-support.js";

const SBS_LINE = "MSG,3,1,1,7BFE01,1,2026/12/04,10:00:01.000,2026/12/04,10:00:01.000,,5000,,,40.92636,107.74093,,,0,0,0,0\n";

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

/** Starts a loopback server that sends one SBS line to each client and then drops it. */
async function startDroppingServer(): Promise<{ port: number; connections: () => number }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.on("error", () => {});
    socket.end(SBS_LINE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const address = server.address() as net.AddressInfo;
  return { port: address.port, connections: () => connections };
}

/** Returns a loopback port with nothing listening on it. */
async function findClosedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function startClient(port: number, sink = new CollectingSink()) {
  const source = new TcpClientSource({
    id: "client-test",
    format: "sbs",
    host: "127.0.0.1",
    port,
    sink,
    logger: quietLogger,
    backoff: { initialMs: 5, maxMs: 40 },
  });
  cleanups.push(() => source.stop());
  return { source, sink };
}

describe("tcp client source", () => {
  it("reconnects after the server drops it", async () => {
    const server = await startDroppingServer();
    const { source, sink } = startClient(server.port);

    await source.start();
    await waitFor(() => server.connections() >= 3, "three connections");
    await waitFor(() => sink.observations.length >= 3, "one observation per connection");

    expect(source.stats.reconnects).toBeGreaterThanOrEqual(2);
    expect(sink.observations[0]!.lonLat).toEqual([107.74093, 40.92636]);
  });

  it("keeps retrying while the server is down", async () => {
    const port = await findClosedPort();
    const { source } = startClient(port);

    await source.start();
    await waitFor(() => source.failedAttempts >= 5, "five failed attempts");

    expect(source.stats.connected).toBe(false);
    expect(source.stats.reconnects).toBeGreaterThanOrEqual(4);
    expect(source.stats.lastError).toMatch(/ECONNREFUSED/);
    expect(source.lastRetryDelayMs).toBeLessThanOrEqual(40);
  });

  it("stops retrying once stopped", async () => {
    const port = await findClosedPort();
    const { source } = startClient(port);

    await source.start();
    await waitFor(() => source.failedAttempts >= 2, "two failed attempts");
    await source.stop();
    const reconnectsAtStop = source.stats.reconnects;
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(source.stats.reconnects).toBe(reconnectsAtStop);
  });
});

describe("backoff delay", () => {
  const options = { initialMs: 100, maxMs: 1000 };

  it("doubles per attempt up to the cap", () => {
    const upper = (attempt: number) => backoffDelayMs(attempt, { ...options, random: () => 1 });

    expect([0, 1, 2, 3, 4, 5].map(upper)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("keeps at least half the delay with jitter", () => {
    const lower = (attempt: number) => backoffDelayMs(attempt, { ...options, random: () => 0 });

    expect([0, 1, 2, 3, 4].map(lower)).toEqual([50, 100, 200, 400, 500]);
  });
});
