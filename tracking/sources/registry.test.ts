import { afterEach, describe, expect, it } from "vitest";
import { FeedConfigError } from "./config.js";
import { SourceRegistry } from "./registry.js";
import { TcpListenerSource } from "./tcp-listener.js";
import { CollectingSink, quietLogger, waitFor, writeChunks } from "./test-support.js";

const SBS_LINE = "MSG,3,1,1,7BFE01,1,2026/12/04,10:00:01.000,2026/12/04,10:00:01.000,,5000,,,40.92636,107.74093,,,0,0,0,0\n";

const registries: SourceRegistry[] = [];

function createRegistry() {
  const sink = new CollectingSink();
  const registry = new SourceRegistry({ sink, logger: quietLogger });
  registries.push(registry);
  return { registry, sink };
}

afterEach(async () => {
  await Promise.all(registries.splice(0).map((registry) => registry.stopAll()));
});

describe("source registry", () => {
  it("adds a listener that feeds the sink", async () => {
    const { registry, sink } = createRegistry();

    const source = await registry.add({ id: "push", format: "sbs", transport: "tcp-listener", port: 0 });
    await writeChunks((source as TcpListenerSource).address().port, [SBS_LINE]);
    await waitFor(() => sink.observations.length === 1, "one observation");

    expect(registry.list()).toMatchObject([{ id: "push", transport: "tcp-listener", format: "sbs", decoded: 1 }]);
  });

  it("removes a source and closes its port", async () => {
    const { registry } = createRegistry();
    const source = (await registry.add({ id: "push", format: "sbs", transport: "tcp-listener", port: 0 })) as TcpListenerSource;
    const { port } = source.address();

    expect(await registry.remove("push")).toBe(true);

    expect(registry.list()).toEqual([]);
    await expect(writeChunks(port, [SBS_LINE])).rejects.toThrow(/ECONNREFUSED/);
  });

  it("returns false when removing an unknown id", async () => {
    const { registry } = createRegistry();

    expect(await registry.remove("nothing")).toBe(false);
  });

  it("rejects a duplicate id", async () => {
    const { registry } = createRegistry();
    await registry.add({ id: "push", format: "sbs", transport: "tcp-listener", port: 0 });

    await expect(registry.add({ id: "push", format: "avr", transport: "tcp-listener", port: 0 })).rejects.toThrow(FeedConfigError);
  });

  it("rejects an invalid configuration with the field", async () => {
    const { registry } = createRegistry();

    await expect(registry.add({ id: "bad", format: "sbs", transport: "tcp-client", port: 1 })).rejects.toThrow("host: required for transport tcp-client");
  });

  it("starts enabled sources and reports the ones that fail", async () => {
    const { registry } = createRegistry();
    const taken = (await registry.add({ id: "first", format: "sbs", transport: "tcp-listener", port: 0 })) as TcpListenerSource;

    const failed = await registry.startAll([
      { id: "clash", format: "sbs", transport: "tcp-listener", port: taken.address().port, receiverLonLat: null, relocate: null, sbsUtcOffsetMin: null, enabled: true },
      { id: "off", format: "avr", transport: "tcp-listener", port: 0, receiverLonLat: null, relocate: null, sbsUtcOffsetMin: null, enabled: false },
      { id: "second", format: "beast", transport: "tcp-listener", port: 0, receiverLonLat: null, relocate: [0, 0] as never, sbsUtcOffsetMin: null, enabled: true },
    ]);

    expect(failed).toEqual(["clash", "second"]);
    expect(registry.list().map((stats) => stats.id)).toEqual(["first"]);
  });

  it("reports added and removed sources", async () => {
    const added: string[] = [];
    const removed: string[] = [];
    const registry = new SourceRegistry({
      sink: new CollectingSink(),
      logger: quietLogger,
      onSourceAdded: (source) => added.push(source.id),
      onSourceRemoved: (source) => removed.push(source.id),
    });
    registries.push(registry);

    await registry.add({ id: "push", format: "sbs", transport: "tcp-listener", port: 0 });
    await registry.remove("push");

    expect(added).toEqual(["push"]);
    expect(removed).toEqual(["push"]);
  });

  it("lists a file source that failed with its error", async () => {
    const { registry } = createRegistry();

    await registry.add({ id: "recording", format: "sbs", transport: "file", path: "/nonexistent/recording.sbs" });
    await waitFor(() => registry.list()[0]?.lastError !== null, "the file source to fail");

    expect(registry.list()[0]!.lastError).toMatch(/ENOENT/);
  });

  it("shows relocated sources", async () => {
    const { registry } = createRegistry();

    await registry.add({ id: "abroad", format: "avr", transport: "tcp-listener", port: 0, relocate: { dLonDeg: 77, dLatDeg: -19 } });

    expect(registry.list()[0]!.relocated).toBe(true);
  });
});
