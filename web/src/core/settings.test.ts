import { describe, expect, it } from "vitest";

import { defaultSettings, validateTileSettings } from "./settings.js";

const tiles = (urlTemplate: string, key = "") => ({ ...defaultSettings.tiles, enabled: true, urlTemplate, key });

describe("validateTileSettings", () => {
  it("accepts absolute, relative and keyed templates", () => {
    expect(validateTileSettings(tiles("https://tiles.example/{z}/{x}/{y}.png"))).toBeNull();
    expect(validateTileSettings(tiles("/tiles/{z}/{x}/{y}.png"))).toBeNull();
    expect(validateTileSettings(tiles("http://t{s}.example/?x={x}&y={y}&z={z}&tk={key}", "abc"))).toBeNull();
  });

  it("rejects a template without a scheme or leading slash", () => {
    expect(validateTileSettings(tiles("tiles/{z}/{x}/{y}.png"))).toBe("settings.invalidUrl");
    expect(validateTileSettings(tiles("javascript:alert(1)//{z}{x}{y}"))).toBe("settings.invalidUrl");
  });

  it("rejects a template missing z, x or y", () => {
    expect(validateTileSettings(tiles("/tiles/{z}/{x}.png"))).toBe("settings.invalidTemplate");
  });

  it("rejects a keyed template without a key", () => {
    expect(validateTileSettings(tiles("https://t.example/{z}/{x}/{y}?tk={key}", "  "))).toBe("settings.keyMissing");
  });
});
