import { describe, expect, it } from "vitest";

import { formatAge } from "./format.js";

describe("formatAge", () => {
  it("reads just now under a second", () => {
    expect(formatAge(0, "zh-CN")).toBe("刚刚");
    expect(formatAge(999, "en")).toBe("just now");
  });

  it("reads just now for a future time", () => {
    expect(formatAge(-30_000, "zh-CN")).toBe("刚刚");
    expect(formatAge(Number.NaN, "en")).toBe("just now");
  });

  it("counts whole seconds under a minute", () => {
    expect(formatAge(12_400, "zh-CN")).toBe("12 秒前");
    expect(formatAge(12_400, "en")).toBe("12 s ago");
    expect(formatAge(59_999, "en")).toBe("59 s ago");
  });

  it("counts whole minutes, hours and days", () => {
    expect(formatAge(60_000, "zh-CN")).toBe("1 分钟前");
    expect(formatAge(3 * 60_000 + 59_000, "en")).toBe("3 min ago");
    expect(formatAge(2 * 3_600_000 + 5 * 60_000, "zh-CN")).toBe("2 小时前");
    expect(formatAge(3 * 86_400_000, "en")).toBe("3 d ago");
  });
});
