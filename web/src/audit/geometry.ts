import { formatNumber } from "../core/format.js";
import { kilometers, meters } from "../assets/values.js";
import { at } from "./i18n.js";

type Position = [number, number, ...number[]];

// Mean Earth radius in metres (IUGG), for the haversine distance a moved point travelled.
const earthRadiusM = 6_371_008.8;

export function isGeometry(value: unknown): value is GeoJSON.Geometry {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string" && "coordinates" in value;
}

// Counts the distinct vertices: a polygon ring repeats its first position
// as its last, and that repeat is not counted.
export function vertexCount(geometry: GeoJSON.Geometry): number {
  switch (geometry.type) {
    case "Point":
      return 1;
    case "MultiPoint":
    case "LineString":
      return geometry.coordinates.length;
    case "MultiLineString":
      return geometry.coordinates.reduce((sum, line) => sum + line.length, 0);
    case "Polygon":
      return ringVertices(geometry.coordinates);
    case "MultiPolygon":
      return geometry.coordinates.reduce((sum, polygon) => sum + ringVertices(polygon), 0);
    default:
      return 0;
  }
}

function ringVertices(rings: GeoJSON.Position[][]): number {
  return rings.reduce((sum, ring) => sum + Math.max(ring.length - 1, 0), 0);
}

// Describes a geometry by its type and vertex count, never its coordinates.
export function summarizeGeometry(geometry: GeoJSON.Geometry): string {
  const count = vertexCount(geometry);
  switch (geometry.type) {
    case "Point":
      return at("audit.point");
    case "LineString":
    case "MultiLineString":
      return at("audit.line", { count: formatNumber(count) });
    case "Polygon":
    case "MultiPolygon":
      return at("audit.polygon", { count: formatNumber(count) });
    default:
      return at("audit.geometry", { count: formatNumber(count) });
  }
}

// Describes how a geometry changed: the distance a point moved, or the
// vertex counts when they differ, else only that it changed.
export function describeGeometryChange(before: GeoJSON.Geometry, after: GeoJSON.Geometry): string {
  if (before.type === "Point" && after.type === "Point") {
    const distanceM = haversineM(before.coordinates as Position, after.coordinates as Position);
    const distance = distanceM < 1000 ? meters(Math.round(distanceM))! : kilometers(distanceM / 1000)!;
    return at("audit.geometryMoved", { distance });
  }

  const beforeCount = vertexCount(before);
  const afterCount = vertexCount(after);
  if (beforeCount !== afterCount) {
    return at("audit.geometryVertices", { before: formatNumber(beforeCount), after: formatNumber(afterCount) });
  }
  return at("audit.geometryChanged");
}

// Great-circle distance on a sphere, an estimate within about 0.5 % of the
// ellipsoidal distance and enough to tell a user how far a point was moved.
function haversineM([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(h)));
}
