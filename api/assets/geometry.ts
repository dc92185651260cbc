import { z } from "zod";

// The region this service works in: Bayannur and its partner cities (Baotou,
// Ordos, Wuhai, Alxa League), whose outlines span about 97.2-111.5 E and
// 37.4-42.8 N, with half a degree or more of margin. A point outside it is a
// typing error far more often than a real asset.
export const serviceRegion = { minLon: 96, minLat: 36.5, maxLon: 112.5, maxLat: 43.5 } as const;

const regionText = `[${serviceRegion.minLon}, ${serviceRegion.minLat}, ${serviceRegion.maxLon}, ${serviceRegion.maxLat}]`;

type Position = number[];

function inRegion(lon: number, lat: number): boolean {
  return lon >= serviceRegion.minLon && lon <= serviceRegion.maxLon && lat >= serviceRegion.minLat && lat <= serviceRegion.maxLat;
}

const position = z.array(z.number()).min(2).max(3);

/**
 * Checks a [lon, lat] pair for swapped order, then the valid range, then the
 * service region. The swap comes first because a swapped Bayannur point also
 * has an out-of-range latitude. `path` names the offending field.
 */
export function checkLonLat(lonDeg: number, latDeg: number, path: PropertyKey[], ctx: z.RefinementCtx): void {
  if (!inRegion(lonDeg, latDeg) && inRegion(latDeg, lonDeg)) {
    ctx.addIssue({ code: "custom", path, params: { code: "coordinates_swapped" }, message: "swapped" });
    return;
  }
  if (lonDeg < -180 || lonDeg > 180 || latDeg < -90 || latDeg > 90) {
    ctx.addIssue({
      code: "custom",
      path,
      params: { code: "coordinate_out_of_range", expected: "longitude -180..180, latitude -90..90" },
      message: "out of range",
    });
    return;
  }
  if (!inRegion(lonDeg, latDeg)) {
    ctx.addIssue({ code: "custom", path, params: { code: "outside_service_region", expected: regionText }, message: "outside" });
  }
}

// Checks one GeoJSON position, whose schema requires at least lon and lat.
function checkPosition(pos: Position, path: PropertyKey[], ctx: z.RefinementCtx): void {
  const [lon = NaN, lat = NaN] = pos;
  checkLonLat(lon, lat, path, ctx);
}

function checkRing(ring: Position[], path: PropertyKey[], ctx: z.RefinementCtx): void {
  ring.forEach((pos, i) => checkPosition(pos, [...path, i], ctx));

  if (ring.length < 4) {
    ctx.addIssue({ code: "custom", path, params: { code: "ring_too_short", count: ring.length }, message: "short" });
    return;
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    ctx.addIssue({ code: "custom", path, params: { code: "ring_not_closed" }, message: "not closed" });
  }
}

function distinctCount(line: Position[]): number {
  return new Set(line.map((p) => `${p[0]},${p[1]}`)).size;
}

const pointSchema = z
  .object({ type: z.literal("Point"), coordinates: position })
  .strict()
  .superRefine((g, ctx) => checkPosition(g.coordinates, ["coordinates"], ctx));

const lineStringSchema = z
  .object({ type: z.literal("LineString"), coordinates: z.array(position) })
  .strict()
  .superRefine((g, ctx) => {
    g.coordinates.forEach((pos, i) => checkPosition(pos, ["coordinates", i], ctx));
    const distinct = distinctCount(g.coordinates);
    if (distinct < 2) {
      ctx.addIssue({ code: "custom", path: ["coordinates"], params: { code: "too_few_points", count: distinct }, message: "few" });
    }
  });

const polygonSchema = z
  .object({ type: z.literal("Polygon"), coordinates: z.array(z.array(position)).min(1) })
  .strict()
  .superRefine((g, ctx) => g.coordinates.forEach((ring, i) => checkRing(ring, ["coordinates", i], ctx)));

const multiPolygonSchema = z
  .object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(z.array(position)).min(1)).min(1) })
  .strict()
  .superRefine((g, ctx) =>
    g.coordinates.forEach((polygon, i) => polygon.forEach((ring, j) => checkRing(ring, ["coordinates", i, j], ctx))),
  );

export type GeometryType = "Point" | "LineString" | "Polygon" | "MultiPolygon";

const byType: Record<GeometryType, z.ZodType> = {
  Point: pointSchema,
  LineString: lineStringSchema,
  Polygon: polygonSchema,
  MultiPolygon: multiPolygonSchema,
};

// Builds the schema for a geometry of one of `allowed` types. The type is
// checked before the coordinates so that a wrong type gets one clear message.
export function geometrySchema(allowed: GeometryType[]) {
  return z.unknown().superRefine((value, ctx) => {
    const type = (value as { type?: unknown } | null)?.type;
    if (!allowed.includes(type as GeometryType)) {
      ctx.addIssue({
        code: "custom",
        path: ["type"],
        params: { code: "wrong_geometry_type", expected: allowed.join(" | ") },
        message: "wrong type",
      });
      return;
    }

    const result = byType[type as GeometryType].safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        ctx.addIssue({ ...issue, path: issue.path } as z.core.$ZodRawIssue);
      }
    }
  });
}

export type Geometry = { type: GeometryType; coordinates: unknown };
