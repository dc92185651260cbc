import { z } from "zod";

import { checkLonLat, serviceRegion } from "../assets/geometry.js";
import { DEFAULT_CELL_SIZE_M, DEFAULT_THRESHOLDS_MIN, MIN_CELL_SIZE_M } from "./model/index.js";
import { aircraftStatuses } from "./fleet-query.js";
import {
  MAX_WIND_SPEED_KMH,
  checkMissionFields,
  missionBodyFields,
  missionQueryFields,
  queryNumber,
} from "./options.js";

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

const lonLatSchema = z
  .tuple([z.number(), z.number()])
  .superRefine((lonLat, ctx) => checkLonLat(lonLat[0], lonLat[1], [], ctx));
const bodyThresholds = z
  .array(z.number().min(1).max(1440))
  .min(1)
  .max(maxThresholds)
  .transform((values) => [...new Set(values)].sort((first, second) => first - second));
const bodyBbox = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .superRefine((bbox, ctx) => {
    const [west, south, east, north] = bbox;
    checkLonLat(west, south, [], ctx);
    checkLonLat(east, north, [], ctx);
    if (!(west < east && south < north)) {
      ctx.addIssue({ code: "custom", params: { code: "invalid_value", expected: "[west, south, east, north] with west < east and south < north" }, message: "bbox" });
    }
  });
const baseCode = z.string().trim().min(1).max(40);
const readinessMin = z.number().min(0).max(1440);

const gridBodyFields = {
  cellSizeM: z.number().min(MIN_CELL_SIZE_M).max(20_000).default(DEFAULT_CELL_SIZE_M),
  thresholds: bodyThresholds.default([...DEFAULT_THRESHOLDS_MIN]),
  bbox: bodyBbox.optional(),
};

// One what-if change. Bases are named by code, aircraft by id; nothing is written.
export const scenarioChangeSchema = z.discriminatedUnion("op", [
  z
    .object({
      op: z.literal("add_base"),
      code: baseCode,
      nameZh: z.string().trim().min(1).max(120).optional(),
      lonLat: lonLatSchema,
      fuelAvailable: z.boolean().default(true),
      nightOperations: z.boolean().default(false),
    })
    .strict(),
  z.object({ op: z.literal("move_base"), baseCode, lonLat: lonLatSchema }).strict(),
  z.object({ op: z.literal("close_base"), baseCode }).strict(),
  z.object({ op: z.literal("set_aircraft_status"), aircraftId: z.number().int().positive(), status: z.enum(aircraftStatuses) }).strict(),
  z
    .object({
      op: z.literal("add_aircraft"),
      typeId: z.string().min(1).max(40),
      baseCode,
      count: z.number().int().min(1).max(10).default(1),
      readinessDayMin: readinessMin.optional(),
      readinessNightMin: readinessMin.optional(),
    })
    .strict(),
  z
    .object({
      op: z.literal("set_readiness"),
      // The aircraft to change: one id, every aircraft of a type, or (neither) the whole fleet.
      aircraftId: z.number().int().positive().optional(),
      typeId: z.string().min(1).max(40).optional(),
      readinessDayMin: readinessMin.optional(),
      readinessNightMin: readinessMin.optional(),
    })
    .strict(),
  z
    .object({
      op: z.literal("set_wind"),
      windFromDeg: z.number().min(0).max(360),
      windSpeedKmh: z.number().min(0).max(MAX_WIND_SPEED_KMH),
    })
    .strict(),
]);

export type ScenarioChange = z.infer<typeof scenarioChangeSchema>;

/** POST /api/v1/coverage/scenarios */
export const scenarioBodySchema = z
  .object({ ...missionBodyFields, ...gridBodyFields, changes: z.array(scenarioChangeSchema).min(1).max(50) })
  .strict()
  .superRefine(checkMissionFields);

export type ScenarioBody = z.infer<typeof scenarioBodySchema>;

export const candidateSources = ["landing-points", "county-seats", "grid"] as const;

const explicitCandidate = z
  .object({ lonLat: lonLatSchema, nameZh: z.string().trim().min(1).max(120).optional() })
  .strict();

/** POST /api/v1/coverage/siting */
export const sitingBodySchema = z
  .object({
    ...missionBodyFields,
    cellSizeM: gridBodyFields.cellSizeM,
    bbox: gridBodyFields.bbox,
    typeId: z.string().min(1).max(40),
    candidates: z.union([z.enum(candidateSources), z.array(explicitCandidate).min(1).max(500)]),
    // Lattice spacing for candidates: "grid", inside the city.
    candidateSpacingKm: z.number().min(5).max(100).default(20),
    k: z.number().int().min(1).max(10).default(3),
    fuelAvailable: z.boolean().default(true),
    nightOperations: z.boolean().default(false),
    readinessDayMin: readinessMin.optional(),
    readinessNightMin: readinessMin.optional(),
  })
  .strict()
  .superRefine(checkMissionFields);

export type SitingBody = z.infer<typeof sitingBodySchema>;
