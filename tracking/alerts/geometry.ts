// Distances between a point and lines or polygons, measured in a local plane
// around the point with x east and y north in km. One degree of latitude is
// 111.195 km (the WGS-84 mean radius 6371.0088 km times pi / 180), and one
// degree of longitude is that times cos(latitude). Within 100 km of the point the error
// against the ellipsoidal geodesic stays under 1 %, which is plenty for
// corridor, scene and restricted-area checks of a few kilometres.
export type LonLat = readonly [number, number];

const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;

interface Plane {
  toXy(lonLat: readonly number[]): [number, number];
}

function planeAt(origin: LonLat): Plane {
  const cosLat = Math.cos((origin[1] * Math.PI) / 180);
  return {
    toXy: (lonLat) => [(lonLat[0]! - origin[0]) * KM_PER_DEGREE * cosLat, (lonLat[1]! - origin[1]) * KM_PER_DEGREE],
  };
}

// Distance from the origin (0, 0) to the segment a-b, in the plane.
function originToSegmentKm(a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / lengthSquared));
  return Math.hypot(a[0] + t * dx, a[1] + t * dy);
}

export function distanceKm(from: LonLat, to: readonly number[]): number {
  const [x, y] = planeAt(from).toXy(to);
  return Math.hypot(x, y);
}

export function distanceToLineKm(point: LonLat, line: readonly (readonly number[])[]): number {
  const plane = planeAt(point);
  if (line.length === 1) {
    return Math.hypot(...plane.toXy(line[0]!));
  }
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    best = Math.min(best, originToSegmentKm(plane.toXy(line[i - 1]!), plane.toXy(line[i]!)));
  }
  return best;
}

// Even-odd ray casting: true when the point is inside the closed ring.
function ringContains(point: LonLat, ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

// GeoJSON Polygon coordinates: the outer ring first, then holes.
export type PolygonCoordinates = readonly (readonly (readonly number[])[])[];

export function polygonContains(point: LonLat, polygon: PolygonCoordinates): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !ringContains(point, outer)) {
    return false;
  }
  return !holes.some((hole) => ringContains(point, hole));
}

// Zero inside the polygon, otherwise the distance to its nearest edge.
export function distanceToPolygonKm(point: LonLat, polygon: PolygonCoordinates): number {
  if (polygonContains(point, polygon)) {
    return 0;
  }
  return Math.min(...polygon.map((ring) => distanceToLineKm(point, ring)));
}
