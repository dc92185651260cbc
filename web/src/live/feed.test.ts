import { describe, expect, it } from "vitest";

import { retryDelayMs } from "./feed.js";

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
