import { z } from "zod";

import { serviceRegion } from "../assets/geometry.js";
import { DEFAULT_CELL_SIZE_M, DEFAULT_THRESHOLDS_MIN, MIN_CELL_SIZE_M } from "./model/index.js";
import { checkLonLat, checkMissionFields, missionBodyFields, missionQueryFields, queryNumber } from "./options.js";

const regionText = `[${serviceRegion.minLon}, ${serviceRegion.minLat}, ${serviceRegion.maxLon}, ${serviceRegion.maxLat}]`;

// One request schema per endpoint. Query strings arrive as text, so the GET
// schemas parse numbers, booleans and comma-separated lists themselves.

const anyNumber = z.string().trim().min(1).transform(Number).pipe(z.number());

/** GET /api/v1/eta */
export const etaQuerySchema = z
  .object({ lon: anyNumber, lat: anyNumber, ...missionQueryFields })
  .strict()
  .superRefine((query, ctx) => {
    checkMissionFields(query, ctx);
    checkLonLat(query.lon, query.lat, ["lon"], ctx);
  });

export type EtaQuery = z.infer<typeof etaQuerySchema>;

const maxThresholds = 8;
const queryThresholds = z
  .string()
  .transform((text) => text.split(",").map((part) => part.trim()))
  .pipe(z.array(z.string().min(1).transform(Number).pipe(z.number().min(1).max(1440))).min(1).max(maxThresholds))
  .transform((values) => [...new Set(values)].sort((first, second) => first - second));

// "west,south,east,north" in degrees, inside the service region.
const queryBbox = z.string().transform((text, ctx) => {
  const parts = text.split(",").map((part) => Number(part.trim()));
  const [west, south, east, north] = parts as [number, number, number, number];
  const valid =
    parts.length === 4 &&
    parts.every(Number.isFinite) &&
    west < east &&
    south < north &&
    west >= serviceRegion.minLon &&
    east <= serviceRegion.maxLon &&
    south >= serviceRegion.minLat &&
    north <= serviceRegion.maxLat;
  if (!valid) {
    ctx.addIssue({
      code: "custom",
      params: {
        code: "invalid_query",
        expected: `west,south,east,north in degrees with west < east and south < north, inside ${regionText}`,
      },
      message: "bbox",
    });
    return z.NEVER;
  }
  return [west, south, east, north] as const;
});

const gridQueryFields = {
  cellSizeM: queryNumber(MIN_CELL_SIZE_M, 20_000).default(DEFAULT_CELL_SIZE_M),
  thresholds: queryThresholds.default([...DEFAULT_THRESHOLDS_MIN]),
  bbox: queryBbox.optional(),
};

/** GET /api/v1/coverage */
export const coverageQuerySchema = z
  .object({ ...missionQueryFields, ...gridQueryFields, groupBy: z.enum(["base", "aircraft", "none"]).default("base") })
  .strict()
  .superRefine(checkMissionFields);

export type CoverageQuery = z.infer<typeof coverageQuerySchema>;
