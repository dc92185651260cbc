import { describe, expect, it } from "vitest";

import { solveWindTriangle, windComponents } from "./wind.js";

// Every expected value below is worked by hand from the wind triangle:
//   headwind  = W * cos(windFrom - track)
//   crosswind = W * sin(windFrom - track)
//   crab      = asin(crosswind / TAS)
//   GS        = TAS * cos(crab) - headwind
const northWind50 = { fromDeg: 360, speedKmh: 50 };

describe("solveWindTriangle", () => {
  it("adds a direct tailwind", () => {
    // Track 180, wind from 360: headwind = 50 * cos(180) = -50, crosswind 0.
    // GS = 200 * cos(0) - (-50) = 250.
    const solution = solveWindTriangle(200, 180, northWind50);

    expect(solution?.groundSpeedKmh).toBeCloseTo(250, 9);
    expect(solution?.windCorrectionAngleDeg).toBeCloseTo(0, 9);
    expect(solution?.headingDeg).toBeCloseTo(180, 9);
  });

  it("subtracts a direct headwind", () => {
    // Track 360, wind from 360: headwind = 50, GS = 200 - 50 = 150.
    const solution = solveWindTriangle(200, 360, northWind50);

    expect(solution?.groundSpeedKmh).toBeCloseTo(150, 9);
    expect(solution?.headingDeg).toBeCloseTo(0, 9);
  });

  it("crabs into a pure crosswind", () => {
    // Track 090, wind from 360: relative angle -90, headwind 0, crosswind = -50
    // (wind from the left). crab = asin(-50/200) = -14.4775 deg, so heading
    // 075.52. GS = 200 * cos(14.4775 deg) = sqrt(200^2 - 50^2) = 193.6492.
    const solution = solveWindTriangle(200, 90, northWind50);

    expect(solution?.groundSpeedKmh).toBeCloseTo(Math.sqrt(200 ** 2 - 50 ** 2), 9);
    expect(solution?.groundSpeedKmh).toBeCloseTo(193.6492, 4);
    expect(solution?.windCorrectionAngleDeg).toBeCloseTo(-14.4775, 4);
    expect(solution?.headingDeg).toBeCloseTo(75.5225, 4);
  });

  it("solves a quartering headwind", () => {
    // TAS 226 (Bell 412 cruise), track 045, wind from 090 at 40:
    // relative = 45 deg, headwind = crosswind = 40 * sqrt(2)/2 = 28.2843.
    // crab = asin(28.2843 / 226) = asin(0.125152) = 7.1895 deg.
    // GS = 226 * cos(7.1895 deg) - 28.2843 = 224.2231 - 28.2843 = 195.9388.
    const solution = solveWindTriangle(226, 45, { fromDeg: 90, speedKmh: 40 });

    expect(solution?.groundSpeedKmh).toBeCloseTo(195.9388, 3);
    expect(solution?.windCorrectionAngleDeg).toBeCloseTo(7.1895, 3);
  });

  it("returns airspeed without wind", () => {
    expect(solveWindTriangle(250, 123, null)?.groundSpeedKmh).toBe(250);
    expect(solveWindTriangle(250, 123, { fromDeg: 10, speedKmh: 0 })?.groundSpeedKmh).toBe(250);
  });

  it("returns null when crosswind reaches airspeed", () => {
    // Track 090, wind from 360 at 100 = TAS: crosswind 100, no heading cancels it.
    expect(solveWindTriangle(100, 90, { fromDeg: 360, speedKmh: 100 })).toBeNull();
    expect(solveWindTriangle(100, 90, { fromDeg: 360, speedKmh: 130 })).toBeNull();
  });

  it("returns null when headwind stops the aircraft", () => {
    // Track 360 into a 120 km/h wind from 360 at TAS 100: GS = 100 - 120 < 0.
    expect(solveWindTriangle(100, 0, { fromDeg: 0, speedKmh: 120 })).toBeNull();
  });

  it("rejects a non-positive airspeed", () => {
    expect(() => solveWindTriangle(0, 90, null)).toThrow(/trueAirspeedKmh must be > 0; got 0/);
  });
});

describe("windComponents", () => {
  it("signs crosswind from the right positive", () => {
    // Track 360, wind from 090: the wind comes from the right; sin(90) = 1.
    const components = windComponents(0, { fromDeg: 90, speedKmh: 30 });

    expect(components.crosswindKmh).toBeCloseTo(30, 9);
    expect(components.headwindKmh).toBeCloseTo(0, 9);
  });
});
