import * as SunCalc from "suncalc";

import type { LonLat } from "./geodesy.js";

// Night for flight operations: from civil dusk to civil dawn, while the centre
// of the sun is more than 6 degrees below the horizon. Times come from suncalc
// 2.0.2 (Meeus, "Astronomical Algorithms", ch. 15 and 25), whose getTimes
// solves for the geometric altitude of -6 degrees.
//
// Do not compare SunCalc.getPosition(...).altitude with -6 instead: in 2.0.2 it
// adds Meeus' refraction evaluated at 0 degrees to every altitude below the
// horizon, so it reads about 0.48 degrees higher than the geometric altitude
// at civil dusk (daylight.test.ts shows this).

export interface CivilTwilight {
  // Morning instant the sun rises through -6 degrees; null when it does not cross that day.
  civilDawn: Date | null;
  // Evening instant the sun sinks through -6 degrees; null when it does not cross that day.
  civilDusk: Date | null;
  solarNoon: Date;
}

const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerHour = 3_600_000;

/**
 * Computes civil dawn and dusk for `localDate` (YYYY-MM-DD) at a place. The day is
 * the solar day whose noon falls on that date in local mean solar time, so the
 * result does not depend on the time zone.
 */
export function civilTwilight(localDate: string, lonLat: LonLat): CivilTwilight {
  const match = localDatePattern.exec(localDate);
  const utcMidnightMs = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(utcMidnightMs).toISOString().slice(0, 10) !== localDate) {
    throw new RangeError(`localDate: invalid date ${JSON.stringify(localDate)}; expected YYYY-MM-DD`);
  }

  // Local mean noon is 12:00 UTC shifted by 1 hour per 15 degrees of longitude.
  const localMeanNoon = new Date(utcMidnightMs + 12 * msPerHour - (lonLat[0] / 15) * msPerHour);
  return twilightForSolarDay(localMeanNoon, lonLat);
}

/** Tells whether `at` falls between civil dusk and the next civil dawn at a place. */
export function isNight(lonLat: LonLat, at: Date): boolean {
  // suncalc picks the solar day whose noon is nearest to `at`, so `at` lies
  // between that day's two solar midnights and one dawn and dusk bound it.
  const twilight = twilightForSolarDay(at, lonLat);

  if (twilight.civilDawn === null || twilight.civilDusk === null) {
    // NOTE: polar latitudes only. The refraction offset described above can
    // call a day "not night" when the noon sun peaks within 0.48 degrees below -6.
    return SunCalc.getPosition(twilight.solarNoon, lonLat[1], lonLat[0]).altitude < -6;
  }

  return at.getTime() < twilight.civilDawn.getTime() || at.getTime() > twilight.civilDusk.getTime();
}

function twilightForSolarDay(instant: Date, lonLat: LonLat): CivilTwilight {
  const [lonDeg, latDeg] = lonLat;
  if (!Number.isFinite(instant.getTime())) {
    throw new RangeError("at: invalid Date; expected a valid instant");
  }

  const times = SunCalc.getTimes(instant, latDeg, lonDeg);
  return { civilDawn: times.dawn, civilDusk: times.dusk, solarNoon: times.solarNoon };
}
