import net from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { formatSbsAirbornePosition } from "../../tracking/formats/index.js";
import { startTestServer } from "../test/server.js";

let s: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  s = await startTestServer({ tracking: { sweepIntervalMs: 500 } });
});

afterAll(async () => {
  await s.close();
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("feed sources through the API", () => {
  it("adds a TCP listener that feeds the live picture", async () => {
    const port = await freePort();
    const added = await s.call("POST", "/api/v1/feeds", {
      body: { id: "rx-linhe", format: "sbs", transport: "tcp-listener", host: "127.0.0.1", port, sbsUtcOffsetMin: 0 },
    });
    expect(added.status).toBe(201);
    expect(added.json.id).toBe("rx-linhe");

    const socket = net.connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const line = formatSbsAirbornePosition({ icao: "7BFE01", generatedAtMs: Date.now(), altitudeM: 1500, latDeg: 40.93, lonDeg: 107.75 });
    socket.write(`${line}\r\nnot an sbs line\r\n`);

    await waitFor("the aircraft in GET /tracks", async () => {
      const tracks = await s.call("GET", "/api/v1/tracks");
      return tracks.json.features.some((f: { id: string }) => f.id === "7BFE01");
    });
    const feeds = await s.call("GET", "/api/v1/feeds");
    const rx = feeds.json.sources.find((f: { id: string }) => f.id === "rx-linhe");
    expect(rx.received).toBe(2);
    expect(rx.rejectedTotal).toBe(1);
    socket.destroy();

    expect((await s.call("DELETE", "/api/v1/feeds/rx-linhe")).status).toBe(204);
    expect((await s.call("GET", "/api/v1/feeds")).json.sources.map((f: { id: string }) => f.id)).not.toContain("rx-linhe");
  });

  it("rejects an invalid source configuration", async () => {
    const res = await s.call("POST", "/api/v1/feeds", { body: { id: "bad", format: "sbs", transport: "tcp-listener" }, language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("invalid_feed_config");
    expect(res.json.error.message).toContain("port");
  });

  it("forbids a planner to add sources", async () => {
    const res = await s.call("POST", "/api/v1/feeds", { token: s.tokens.planner, body: {} });
    expect(res.status).toBe(403);
  });

  it("returns 404 for an unknown source", async () => {
    expect((await s.call("DELETE", "/api/v1/feeds/nothing")).status).toBe(404);
  });
});
