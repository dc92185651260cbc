// Great-circle distance on a sphere of the WGS-84 mean radius. Its error
// against the ellipsoidal geodesic stays under 0.5 %, which is plenty for a
// plausibility check; coverage and ETAs use the geodesic instead.
const EARTH_MEAN_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(a: [number, number], b: [number, number]): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
