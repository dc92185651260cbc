import type { SimulatedAircraft } from "./flight.js";
import { GeodesicPath } from "./geodesic-path.js";

/**
 * Extra aircraft for load tests: each flies a closed loop through four
 * random points over Bayannur. Addresses start at 7A0000, inside
 * China's ICAO block (780000-7BFFFF) and clear of the demo fleet at
 * 7BFE01-7BFE0F; callsigns are SIM00001 and up. A seed makes the set
 * repeatable.
 */

const FIRST_SYNTHETIC_ADDRESS = 0x7a0000;
export const MAX_SYNTHETIC_AIRCRAFT = 0x10000;

/** Bayannur's extent, a little inside its boundary (105.2-109.9 E, 40.2-42.5 N). */
const AREA = { minLonDeg: 105.5, maxLonDeg: 109.5, minLatDeg: 40.4, maxLatDeg: 42.2 };

export function buildSyntheticFleet(count: number, seed = 1): SimulatedAircraft[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_SYNTHETIC_AIRCRAFT) {
    throw new Error(`aircraft count: expected 0 to ${MAX_SYNTHETIC_AIRCRAFT}, got ${count}`);
  }

  const random = seededRandom(seed);
  const between = (min: number, max: number) => min + random() * (max - min);
  const aircraft: SimulatedAircraft[] = [];
  for (let index = 0; index < count; index++) {
    const corners = Array.from({ length: 4 }, (): [number, number] => [between(AREA.minLonDeg, AREA.maxLonDeg), between(AREA.minLatDeg, AREA.maxLatDeg)]);
    const path = new GeodesicPath([...corners, corners[0]!]);
    aircraft.push({
      icaoAddress: (FIRST_SYNTHETIC_ADDRESS + index).toString(16).toUpperCase(),
      callsign: `SIM${String(index + 1).padStart(5, "0")}`,
      emitterCategory: random() < 0.5 ? "A7" : "A1",
      groundSpeedKmh: between(180, 300),
      altitudeM: between(1500, 3500),
      path,
      startOffsetM: between(0, path.lengthM),
    });
  }
  return aircraft;
}

/** Park-Miller minimal standard generator: small, seedable and good enough for test traffic. */
function seededRandom(seed: number): () => number {
  let state = Math.max(1, Math.floor(seed) % 2147483647);
  return () => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
}
