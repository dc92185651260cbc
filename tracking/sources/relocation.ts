/**
 * A fixed offset added to decoded positions, so that a recording made
 * abroad plays over Bayannur. It is applied after CPR decoding, because
 * CPR zones depend on the true latitude.
 */
export interface Relocation {
  dLonDeg: number;
  dLatDeg: number;
}

/**
 * Shifts a `[lon, lat]` position by the offset, wrapping longitude into
 * -180 ... 180. Returns null when the shifted latitude leaves -90 ... 90.
 */
export function relocateLonLat(lonLat: [number, number], relocation: Relocation | null): [number, number] | null {
  if (relocation === null) {
    return lonLat;
  }

  const latDeg = lonLat[1] + relocation.dLatDeg;
  if (latDeg < -90 || latDeg > 90) {
    return null;
  }

  let lonDeg = lonLat[0] + relocation.dLonDeg;
  lonDeg = ((((lonDeg + 180) % 360) + 360) % 360) - 180;
  return [lonDeg, latDeg];
}

/** True when both values are finite and within longitude and latitude range. */
export function isValidLonLat(lonLat: readonly [number, number]): boolean {
  const [lonDeg, latDeg] = lonLat;
  return Number.isFinite(lonDeg) && Number.isFinite(latDeg) && Math.abs(lonDeg) <= 180 && Math.abs(latDeg) <= 90;
}
