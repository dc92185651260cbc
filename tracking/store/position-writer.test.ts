import net from "node:net";

import pino from "pino";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";

import { freshDatabase } from "../../api/test/database.js";
import { PositionWriter, type PositionRow } from "./position-writer.js";

const database = await freshDatabase();
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

// A TCP proxy in front of PostgreSQL on loopback. Closing it cuts every
// connection, which is what a database outage looks like to the writer.
function startProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;

  const open = (port: number) =>
    new Promise<number>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
      });
      server.listen(port, "127.0.0.1", () => resolve((server!.address() as net.AddressInfo).port));
    });

  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) {
        socket.destroy();
      }
      sockets.clear();
      server ? server.close(() => resolve()) : resolve();
    });

  return { open, close };
}

function row(i: number): PositionRow {
  return {
    icaoAddress: "7BFE01",
    timeMs: Date.UTC(2026, 11, 4, 8, 0, 0) + i * 1000,
    lonLat: [107.74 + i * 0.001, 40.92],
    altitudeM: 1500,
    groundSpeedKmh: i % 2 ? null : 220,
    trackDeg: 90,
    verticalRateMps: null,
    squawk: "2000",
    onGround: false,
    sourceId: "test",
  };
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function storedTimes(): Promise<number[]> {
  const rows = await database.sql`SELECT extract(epoch FROM time) * 1000 AS ms FROM positions ORDER BY id`;
  return rows.map((r) => Number(r.ms));
}

describe("PositionWriter", () => {
  it("writes batches with their geometry", async () => {
    const writer = new PositionWriter(database.sql, logger, { maxBuffered: 1000, batchSize: 100, flushIntervalMs: 20, maxRetryDelayMs: 200 });
    for (let i = 0; i < 250; i++) {
      writer.enqueue(row(i));
    }
    await writer.stop();
    expect(writer.lastError).toBeNull();

    const rows = await database.sql`SELECT count(*)::int AS n, min(ST_X(location)) AS lon, max(ground_speed_kmh) AS gs FROM positions`;
    expect(rows[0]!.n).toBe(250);
    expect(rows[0]!.lon).toBeCloseTo(107.74, 6);
    expect(rows[0]!.gs).toBe(220);
    expect(writer.written).toBe(250);
    await database.sql`TRUNCATE positions`;
  });

  it("loses nothing through a database outage", async () => {
    const target = new URL(database.url);
    const proxy = startProxy(target);
    const port = await proxy.open(0);
    const viaProxy = new URL(database.url);
    viaProxy.port = String(port);
    const sql = postgres(viaProxy.toString(), { max: 1, onnotice: () => {}, connect_timeout: 2 });
    const writer = new PositionWriter(sql, logger, { maxBuffered: 10_000, batchSize: 50, flushIntervalMs: 20, maxRetryDelayMs: 200 });
    writer.start();

    for (let i = 0; i < 100; i++) {
      writer.enqueue(row(i));
    }
    await waitFor("first 100 written", () => writer.written === 100);

    await proxy.close();
    for (let i = 100; i < 300; i++) {
      writer.enqueue(row(i));
    }
    await waitFor("failed attempts during the outage", () => writer.failedAttempts >= 2);
    expect(writer.pending).toBe(200);

    await proxy.open(port);
    await waitFor("queue drained after the outage", () => writer.pending === 0);
    await writer.stop();
    await sql.end();
    await proxy.close();

    const times = await storedTimes();
    expect(times).toHaveLength(300);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(writer.overflowed).toBe(0);
    await database.sql`TRUNCATE positions`;
  });

  it("counts overflow instead of growing without bound", () => {
    const writer = new PositionWriter(database.sql, logger, { maxBuffered: 10, batchSize: 5, flushIntervalMs: 1000, maxRetryDelayMs: 200 });
    const results = Array.from({ length: 15 }, (_, i) => writer.enqueue(row(i)));
    expect(results.filter(Boolean)).toHaveLength(10);
    expect(writer.overflowed).toBe(5);
    expect(writer.pending).toBe(10);
  });
});

afterAll(async () => {
  await database.sql`SELECT 1`;
});
