import { describe, expect, it } from "vitest";

import { en } from "../../i18n/en.js";
import { zhCN } from "../../i18n/zh-CN.js";
import { chooseLanguage, t } from "./i18n.js";

describe("chooseLanguage", () => {
  const cases: Array<[stored: string | null, browser: string[], expected: string]> = [
    [null, ["zh-CN", "en"], "zh-CN"],
    [null, ["zh-TW"], "zh-CN"],
    [null, ["en-GB", "zh-CN"], "en"],
    [null, ["fr-FR", "en-US"], "en"],
    [null, ["fr-FR", "mn"], "zh-CN"],
    [null, [], "zh-CN"],
    ["en", ["zh-CN"], "en"],
    ["zh-CN", ["en-US"], "zh-CN"],
    ["de", ["en-US"], "en"],
  ];

  for (const [stored, browser, expected] of cases) {
    it(`picks ${expected} for stored ${stored} and browser ${browser.join(",") || "none"}`, () => {
      expect(chooseLanguage(stored, browser)).toBe(expected);
    });
  }
});

describe("message catalogs", () => {
  it("have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it("have no empty messages", () => {
    for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe("");
    }
  });

  it("keep Chinese out of English", () => {
    for (const [key, text] of Object.entries(en)) {
      if (key === "lang.zh-CN") {
        continue;
      }
      expect(text, key).not.toMatch(/\p{Script=Han}/u);
    }
  });

  it("use the same placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as Array<keyof typeof zhCN>) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
});

describe("t", () => {
  it("fills placeholders and keeps unknown ones", () => {
    expect(t("live.aircraft", { n: 3, fleet: 1 })).toBe("视野内 3 架（本队 1 架）");
    expect(t("settings.invalidTemplate")).toBe("地址模板须包含 {z}、{x} 和 {y}");
  });
});
