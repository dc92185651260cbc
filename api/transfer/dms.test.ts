import { describe, expect, it } from "vitest";

import { parseCoordinate, type Axis } from "./dms.js";

const linheLatDeg = 40 + 55 / 60 + 34.9 / 3600;
const linheLonDeg = 107 + 44 / 60 + 27.3 / 3600;

describe("coordinate parsing", () => {
  const accepted: [string, Axis, number][] = [
    ["107.74093", "lon", 107.74093],
    ["-40.5", "lat", -40.5],
    ["107.7409E", "lon", 107.7409],
    [`40°55'34.9"N`, "lat", linheLatDeg],
    ["40°55′34.9″N", "lat", linheLatDeg],
    ["N40°55′34.9″", "lat", linheLatDeg],
    ["107 44 27.3 E", "lon", linheLonDeg],
    ["107 44 27.3", "lon", linheLonDeg],
    ["40度55分34.9秒", "lat", linheLatDeg],
    ["北40度55分34.9秒", "lat", linheLatDeg],
    ["40°55.5'N", "lat", 40 + 55.5 / 60],
    ["40°30'S", "lat", -40.5],
    ["107°30'W", "lon", -107.5],
    ["107,5", "lon", 107.5],
  ];
  for (const [text, axis, degrees] of accepted) {
    it(`reads ${text}`, () => {
      const result = parseCoordinate(text, axis);
      if (!result.ok) {
        throw new Error(`${text} rejected as ${result.reason}`);
      }
      expect(result.degrees).toBeCloseTo(degrees, 9);
    });
  }

  const rejected: [string, Axis, string][] = [
    ["", "lat", "invalid_coordinate"],
    ["abc", "lat", "invalid_coordinate"],
    ["40°61'N", "lat", "invalid_coordinate"],
    [`40°55'61"N`, "lat", "invalid_coordinate"],
    ["40.5°30'", "lat", "invalid_coordinate"],
    ["-40°30'S", "lat", "invalid_coordinate"],
    ["40°45'N", "lon", "wrong_hemisphere"],
    ["107°21'E", "lat", "wrong_hemisphere"],
  ];
  for (const [text, axis, reason] of rejected) {
    it(`rejects ${text || "an empty cell"} as ${reason}`, () => {
      expect(parseCoordinate(text, axis)).toEqual({ ok: false, reason });
    });
  }
});
