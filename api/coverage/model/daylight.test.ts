import * as SunCalc from "suncalc";
import { describe, expect, it } from "vitest";

import { civilTwilight, isNight } from "./daylight.js";
import type { LonLat } from "./geodesy.js";

const linheLonLat: LonLat = [107.358379, 40.749768];
const msPerMinute = 60_000;

// China Standard Time (UTC+8) wall clock to a UTC instant.
function cst(localDate: string, localTime: string): Date {
  return new Date(`${localDate}T${localTime}+08:00`);
}

// Expected times worked by hand with the sunrise equation, for latitude
// phi = 40.75 N and longitude 107.358 E:
//
//   cos H0 = (sin(-6) - sin(phi) sin(dec)) / (cos(phi) cos(dec))
//   solar noon (CST) = 12:00 + 4 min * (120 - 107.358) - EoT = 12:50.6 - EoT
//   dawn = noon - H0 / 15 h, dusk = noon + H0 / 15 h
//
// June 21: dec = +23.44, EoT about -1.7 min, so noon = 12:52.3.
//   cos H0 = (-0.10453 - 0.65276 * 0.39777) / (0.75756 * 0.91748)
//          = -0.36418 / 0.69505 = -0.52396, H0 = 121.60 deg = 8 h 06.4 min.
//   dawn = 04:45.9, dusk = 20:58.7 CST.
// December 21: dec = -23.44, EoT about +1.9 min, so noon = 12:48.7.
//   cos H0 = (-0.10453 + 0.25965) / 0.69505 = 0.22318, H0 = 77.10 deg = 5 h 08.4 min.
//   dawn = 07:40.3, dusk = 17:57.1 CST.
//
// The EoT values are approximate and the declination changes during the day,
// so the check allows 3 minutes.
const handWorked = [
  ["2026-06-21", cst("2026-06-21", "04:45:54"), cst("2026-06-21", "20:58:42")],
  ["2026-12-21", cst("2026-12-21", "07:40:18"), cst("2026-12-21", "17:57:06")],
] as const;

describe("civilTwilight", () => {
  it.each(handWorked)("matches the hand-worked times on %s", (localDate, expectedDawn, expectedDusk) => {
    const twilight = civilTwilight(localDate, linheLonLat);

    expect(Math.abs((twilight.civilDawn?.getTime() ?? Number.NaN) - expectedDawn.getTime())).toBeLessThan(3 * msPerMinute);
    expect(Math.abs((twilight.civilDusk?.getTime() ?? Number.NaN) - expectedDusk.getTime())).toBeLessThan(3 * msPerMinute);
  });

  it("puts dusk in plausible local windows", () => {
    const summer = civilTwilight("2026-06-21", linheLonLat);
    const winter = civilTwilight("2026-12-21", linheLonLat);

    expect(summer.civilDusk!.getTime()).toBeGreaterThan(cst("2026-06-21", "20:40").getTime());
    expect(summer.civilDusk!.getTime()).toBeLessThan(cst("2026-06-21", "21:15").getTime());
    expect(winter.civilDusk!.getTime()).toBeGreaterThan(cst("2026-12-21", "17:40").getTime());
    expect(winter.civilDusk!.getTime()).toBeLessThan(cst("2026-12-21", "18:15").getTime());
  });

  it("returns dusk where getPosition reads -6 plus refraction", () => {
    // suncalc 2.0.2 getPosition adds Meeus 16.4 refraction evaluated at 0 deg
    // for altitudes below the horizon: 0.0002967 / tan(0.00312536 / 0.08901179)
    // rad = 0.48396 deg. So at a geometric -6 deg it reads -5.51604 deg.
    for (const localDate of ["2026-03-20", "2026-06-21", "2026-09-23", "2026-12-21"]) {
      const twilight = civilTwilight(localDate, linheLonLat);

      for (const instant of [twilight.civilDawn!, twilight.civilDusk!]) {
        const altitudeDeg = SunCalc.getPosition(instant, linheLonLat[1], linheLonLat[0]).altitude;
        expect(Math.abs(altitudeDeg - (-6 + 0.48396))).toBeLessThan(0.01);
      }
    }
  });

  it("does not depend on the time zone", () => {
    // A place on 0 E gets the same date's twilight as Linhe does, not the previous day's.
    const greenwich = civilTwilight("2026-06-21", [0, 51.48]);

    expect(greenwich.solarNoon.toISOString().slice(0, 10)).toBe("2026-06-21");
    expect(civilTwilight("2026-06-21", linheLonLat).solarNoon.toISOString().slice(0, 10)).toBe("2026-06-21");
  });

  it("rejects an invalid date", () => {
    expect(() => civilTwilight("2026-02-30", linheLonLat)).toThrow(/localDate: invalid date "2026-02-30"/);
    expect(() => civilTwilight("21/06/2026", linheLonLat)).toThrow(/expected YYYY-MM-DD/);
  });
});

describe("isNight", () => {
  it("switches one minute either side of dusk and dawn", () => {
    const twilight = civilTwilight("2026-06-21", linheLonLat);
    const dusk = twilight.civilDusk!.getTime();
    const dawn = twilight.civilDawn!.getTime();

    expect(isNight(linheLonLat, new Date(dusk - msPerMinute))).toBe(false);
    expect(isNight(linheLonLat, new Date(dusk + msPerMinute))).toBe(true);
    expect(isNight(linheLonLat, new Date(dawn - msPerMinute))).toBe(true);
    expect(isNight(linheLonLat, new Date(dawn + msPerMinute))).toBe(false);
  });

  it.each([
    ["2026-06-21", "02:00", true],
    ["2026-06-21", "04:30", true],
    ["2026-06-21", "05:00", false],
    ["2026-06-21", "12:00", false],
    ["2026-06-21", "20:50", false],
    ["2026-06-21", "21:10", true],
    ["2026-06-21", "23:59", true],
    ["2026-12-21", "00:30", true],
    ["2026-12-21", "07:30", true],
    ["2026-12-21", "07:50", false],
    ["2026-12-21", "17:50", false],
    ["2026-12-21", "18:05", true],
  ] as const)("at Linhe on %s %s CST is %s", (localDate, localTime, expected) => {
    expect(isNight(linheLonLat, cst(localDate, localTime))).toBe(expected);
  });

  it("handles polar day and polar night", () => {
    // At 78 N (Longyearbyen) the sun stays above -6 deg all day in June and
    // below it all day in late December.
    expect(isNight([15.6, 78.2], new Date("2026-06-21T00:00:00Z"))).toBe(false);
    expect(isNight([15.6, 78.2], new Date("2026-12-21T12:00:00Z"))).toBe(true);
  });

  it("rejects an invalid Date", () => {
    expect(() => isNight(linheLonLat, new Date("not a date"))).toThrow(/at: invalid Date/);
  });
});
