import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FeedConfigError, loadFeedsConfig, parseFeedConfig, parseFeedsConfig } from "./config.js";

function issuesOf(input: unknown): string[] {
  try {
    parseFeedsConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedConfigError);
    return (error as FeedConfigError).issues;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("feed config", () => {
  it("fills defaults", () => {
    const config = parseFeedConfig({ id: "linhe", format: "sbs", transport: "tcp-listener", port: 30003 });

    expect(config).toEqual({
      id: "linhe",
      format: "sbs",
      transport: "tcp-listener",
      port: 30003,
      receiverLonLat: null,
      relocate: null,
      sbsUtcOffsetMin: null,
      enabled: true,
    });
  });

  it.each([
    [{ id: "a", format: "sbs", transport: "tcp-client", port: 30003 }, "[0].host: required for transport tcp-client"],
    [{ id: "a", format: "sbs", transport: "tcp-listener" }, "[0].port: required for transport tcp-listener"],
    [{ id: "a", format: "json", transport: "http-poll" }, "[0].url: required for transport http-poll"],
    [{ id: "a", format: "sbs", transport: "file" }, "[0].path: required for transport file"],
    [{ id: "a", format: "json", transport: "tcp-client", host: "h", port: 1 }, "[0].format: must be sbs, avr or beast for a TCP transport"],
    [{ id: "a", format: "sbs", transport: "http-poll", url: "http://127.0.0.1/" }, "[0].format: must be json for transport http-poll"],
    [{ id: "a", format: "json", transport: "http-poll", url: "ftp://127.0.0.1/" }, "[0].url: must be an http or https URL"],
    [{ id: "a", format: "sbs", transport: "tcp-listener", port: 70000 }, "[0].port: Too big: expected number to be <=65535"],
    [{ id: "a b", format: "sbs", transport: "tcp-listener", port: 1 }, "[0].id: must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit"],
    [{ id: "a", format: "sbs", transport: "tcp-listener", port: 1, receiverLonLat: [200, 40] }, "[0].receiverLonLat[0]: Too big: expected number to be <=180"],
  ])("rejects %j", (config, issue) => {
    expect(issuesOf([config])).toContain(issue);
  });

  it("rejects duplicate ids", () => {
    const config = { id: "same", format: "sbs", transport: "tcp-listener", port: 0 };

    expect(issuesOf([config, config])).toContain('[1].id: duplicate id "same"');
  });

  it("rejects unknown fields", () => {
    const issues = issuesOf([{ id: "a", format: "sbs", transport: "tcp-listener", port: 0, prot: 1 }]);

    expect(issues.join()).toMatch(/prot/);
  });

  it("loads nothing without FEEDS_CONFIG", async () => {
    await expect(loadFeedsConfig({})).resolves.toEqual([]);
  });

  it("loads the file named by FEEDS_CONFIG", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "feeds-")), "feeds.json");
    writeFileSync(path, JSON.stringify([{ id: "replay", format: "avr", transport: "tcp-listener", port: 30002, relocate: { dLonDeg: 77.3, dLatDeg: -19 } }]));

    const configs = await loadFeedsConfig({ FEEDS_CONFIG: path });

    expect(configs[0]!.relocate).toEqual({ dLonDeg: 77.3, dLatDeg: -19 });
  });

  it("names the file when it is not JSON", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "feeds-")), "feeds.json");
    writeFileSync(path, "[{");

    await expect(loadFeedsConfig({ FEEDS_CONFIG: path })).rejects.toThrow(`${path}: invalid feed configuration: not valid JSON`);
  });

  it("names the file when it is missing", async () => {
    await expect(loadFeedsConfig({ FEEDS_CONFIG: "/nonexistent/feeds.json" })).rejects.toThrow(/ENOENT.*FEEDS_CONFIG/);
  });
});
