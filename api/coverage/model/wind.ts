// The wind triangle for a uniform wind: the ground speed an aircraft makes
// good along a fixed track, and the crab (wind correction) angle it holds.
// Angles are degrees clockwise from true north; speeds are km/h.

export interface Wind {
  // Direction the wind blows FROM, as in METAR and aviation forecasts.
  fromDeg: number;
  speedKmh: number;
}

export interface WindComponents {
  // Component of the wind against the direction of travel; negative is a tailwind.
  headwindKmh: number;
  // Component across the track; positive when the wind comes from the right of the track.
  crosswindKmh: number;
}

export interface WindSolution {
  groundSpeedKmh: number;
  // Heading to fly = track + windCorrectionAngleDeg, normalised to [0, 360).
  headingDeg: number;
  windCorrectionAngleDeg: number;
}

const radiansPerDegree = Math.PI / 180;

/** Splits a wind into head and cross components relative to `trackDeg`. */
export function windComponents(trackDeg: number, wind: Wind): WindComponents {
  const relativeRad = (wind.fromDeg - trackDeg) * radiansPerDegree;

  return {
    headwindKmh: wind.speedKmh * Math.cos(relativeRad),
    crosswindKmh: wind.speedKmh * Math.sin(relativeRad),
  };
}

/**
 * Solves the wind triangle. Returns null when the aircraft cannot make good the
 * track: the crosswind is at least the true airspeed, so no heading cancels it,
 * or the headwind leaves no forward ground speed.
 */
export function solveWindTriangle(trueAirspeedKmh: number, trackDeg: number, wind: Wind | null): WindSolution | null {
  if (!(trueAirspeedKmh > 0)) {
    throw new RangeError(`trueAirspeedKmh must be > 0; got ${trueAirspeedKmh}`);
  }

  if (wind === null || wind.speedKmh === 0) {
    return { groundSpeedKmh: trueAirspeedKmh, headingDeg: normaliseDeg(trackDeg), windCorrectionAngleDeg: 0 };
  }

  const { headwindKmh, crosswindKmh } = windComponents(trackDeg, wind);
  if (Math.abs(crosswindKmh) >= trueAirspeedKmh) {
    return null;
  }

  // Crab into the wind: the air-velocity component across the track must cancel the crosswind.
  const correctionRad = Math.asin(crosswindKmh / trueAirspeedKmh);
  const groundSpeedKmh = trueAirspeedKmh * Math.cos(correctionRad) - headwindKmh;
  if (groundSpeedKmh <= 0) {
    return null;
  }

  const windCorrectionAngleDeg = correctionRad / radiansPerDegree;
  return {
    groundSpeedKmh,
    headingDeg: normaliseDeg(trackDeg + windCorrectionAngleDeg),
    windCorrectionAngleDeg,
  };
}

function normaliseDeg(angleDeg: number): number {
  return ((angleDeg % 360) + 360) % 360;
}
