import type { AddressInfo } from "node:net";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WebSocket as NodeWebSocket, WebSocketServer } from "ws";

import { LiveFeed, retryDelayMs } from "./feed.js";
import type { LiveFrame } from "./track.js";

describe("retryDelayMs", () => {
  it("doubles from one second", () => {
    const noJitter = () => 0;

    expect(retryDelayMs(1, noJitter)).toBe(1000);
    expect(retryDelayMs(2, noJitter)).toBe(2000);
    expect(retryDelayMs(5, noJitter)).toBe(16_000);
  });

  it("caps at thirty seconds", () => {
    expect(retryDelayMs(6, () => 0)).toBe(30_000);
    expect(retryDelayMs(50, () => 0)).toBe(30_000);
  });

  it("adds at most twenty percent jitter", () => {
    expect(retryDelayMs(1, () => 0.999)).toBeLessThanOrEqual(1200);
    expect(retryDelayMs(50, () => 0.999)).toBeLessThanOrEqual(36_000);
  });
});

describe("LiveFeed", () => {
  // A real WebSocket server on loopback. Node 20 has no global WebSocket, so
  // the feed runs on the ws package's client, which has the browser's API.
  let server: WebSocketServer;
  let url: string;
  const browserWebSocket = globalThis.WebSocket;

  beforeEach(async () => {
    server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
    globalThis.WebSocket = NodeWebSocket as unknown as typeof globalThis.WebSocket;
  });

  afterEach(async () => {
    globalThis.WebSocket = browserWebSocket;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function nextClient(): Promise<NodeWebSocket> {
    return new Promise((resolve) => server.once("connection", (client) => resolve(client)));
  }

  it("passes typed frames to their handlers", async () => {
    const frames: LiveFrame[] = [];
    const feed = new LiveFeed(() => url, (frame) => frames.push(frame), () => {});
    const aid: Array<{ type: "mutual_aid"; request: { id: number } }> = [];
    const alerts: unknown[] = [];
    const stopAid = feed.onMessage<{ type: "mutual_aid"; request: { id: number } }>("mutual_aid", (message) => aid.push(message));
    feed.onMessage("alert", (message) => alerts.push(message));
    const connected = nextClient();
    feed.start();
    const client = await connected;

    client.send(JSON.stringify({ type: "mutual_aid", event: "requested", request: { id: 7 } }));
    client.send(JSON.stringify({ type: "alert", change: "raised", alert: { id: 3 } }));
    client.send(JSON.stringify({ type: "snapshot", aircraft: [] }));
    client.send(JSON.stringify({ type: "unknown_kind" }));
    client.send("[1, 2]");
    await vi.waitFor(() => expect(frames).toHaveLength(1));

    expect(aid).toEqual([{ type: "mutual_aid", event: "requested", request: { id: 7 } }]);
    expect(alerts).toEqual([{ type: "alert", change: "raised", alert: { id: 3 } }]);
    expect(frames[0]).toEqual({ type: "snapshot", aircraft: [] });
    expect(feed.otherFrames).toBe(4);

    // A removed handler gets no more frames.
    stopAid();
    client.send(JSON.stringify({ type: "mutual_aid", event: "approved", request: { id: 7 } }));
    client.send(JSON.stringify({ type: "snapshot", aircraft: [] }));
    await vi.waitFor(() => expect(frames).toHaveLength(2));
    expect(aid).toHaveLength(1);
    feed.stop();
  });

  it("keeps other handlers when one throws", async () => {
    const feed = new LiveFeed(() => url, () => {}, () => {});
    const received: unknown[] = [];
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    feed.onMessage("alert", () => {
      throw new Error("broken panel");
    });
    feed.onMessage("alert", (message) => received.push(message));
    const connected = nextClient();
    feed.start();
    const client = await connected;

    client.send(JSON.stringify({ type: "alert", change: "raised" }));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
    feed.stop();
  });

  it("calls connect handlers on every connection", async () => {
    const states: string[] = [];
    const feed = new LiveFeed(() => url, () => {}, (state) => states.push(state.kind));
    let connects = 0;
    feed.onConnect(() => connects++);
    const first = nextClient();
    feed.start();
    const client = await first;
    await vi.waitFor(() => expect(connects).toBe(1));

    // The server drops the connection; the feed reconnects after its first
    // retry delay (1 to 1.2 s) and the handler runs again.
    const second = nextClient();
    client.terminate();
    await second;
    await vi.waitFor(() => expect(connects).toBe(2), { timeout: 5000 });
    expect(states).toEqual(["connecting", "connected", "retrying", "connecting", "connected"]);

    // A handler added while connected waits for the next connection.
    let late = 0;
    feed.onConnect(() => late++);
    const third = nextClient();
    feed.stop();
    feed.start();
    await third;
    await vi.waitFor(() => expect(connects).toBe(3));
    expect(late).toBe(1);
    feed.stop();
  });
});
