/** Mean Earth radius in km (IUGG), enough for range gates of tens of km. */
const EARTH_RADIUS_KM = 6371.0088;

export const KM_PER_NM = 1.852;

export interface LatLon {
  latDeg: number;
  lonDeg: number;
}

/** Great-circle (haversine) distance in km between two positions. */
export function distanceKm(from: LatLon, to: LatLon): number {
  const toRad = Math.PI / 180;
  const dLat = (to.latDeg - from.latDeg) * toRad;
  const dLon = (to.lonDeg - from.lonDeg) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(from.latDeg * toRad) * Math.cos(to.latDeg * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
