import { describe, expect, it } from "vitest";

import { chooseThinningInterval, thinnedCountBound } from "./thinning.js";

// One hour at 1 Hz from 03:00:00.5 UTC.
const hourAt1Hz = { count: 3600, firstMs: Date.parse("2025-06-01T03:00:00.5Z"), lastMs: Date.parse("2025-06-01T03:59:59.5Z") };

describe("thinning bound", () => {
  it("counts bins plus the last position", () => {
    // Bins of 10 s from 03:00:00 to 03:59:50: 360, plus the last position.
    expect(thinnedCountBound(hourAt1Hz, 10)).toBe(361);
  });

  it("never exceeds the stored count", () => {
    expect(thinnedCountBound({ count: 3, firstMs: 0, lastMs: 3_600_000 }, 1)).toBe(3);
  });

  it("counts one bin for a single position", () => {
    expect(thinnedCountBound({ count: 1, firstMs: 5_000, lastMs: 5_000 }, 60)).toBe(1);
  });
});

describe("thinning interval choice", () => {
  it("keeps everything that fits", () => {
    expect(chooseThinningInterval([hourAt1Hz], 3600)).toBeNull();
  });

  it("picks 10 s for an hour of 200 aircraft", () => {
    // 200 x 721 = 144,200 at 5 s, more than 100k; 200 x 361 = 72,200 at 10 s.
    expect(chooseThinningInterval(Array.from({ length: 200 }, () => hourAt1Hz), 100_000)).toBe(10);
  });

  it("is undefined when 600 s overflows", () => {
    expect(chooseThinningInterval(Array.from({ length: 200 }, () => hourAt1Hz), 1000)).toBeUndefined();
  });
});
