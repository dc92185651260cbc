import { z } from "zod";

import { cities } from "../assets/kinds.js";
import { aircraftStatuses, type AircraftStatus, type FleetFilter } from "./fleet-query.js";
import type { EtaOptions } from "./model/index.js";

// The mission options shared by every coverage endpoint, in two spellings:
// query-string fields for the GET endpoints and JSON fields for the POST
// bodies. Both resolve to the same `MissionRequest`. Defaults:
//   targetMin 120 (the city plan's 2 hours), reserveMin 30, approvalDelayMin 0,
//   onSceneMin 15, no wind, withBucket false, time = now (night decided by
//   civil twilight), statuses "available".

// Wind above this is beyond the limits of any rescue helicopter in the fleet
// (about 80 kt); a value past it is a typing error.
export const MAX_WIND_SPEED_KMH = 150;
export const MAX_TARGET_MIN = 1440;

export type CitySelection = "own" | "all" | readonly string[];

export type NightSelection = { kind: "time"; at: Date } | { kind: "fixed"; night: boolean };

export interface MissionRequest {
  eta: Omit<EtaOptions, "night">;
  night: NightSelection;
  cities: CitySelection;
  statuses: AircraftStatus[];
  aircraftIds: number[] | null;
}

export const queryNumber = (min: number, max: number) =>
  z.string().trim().min(1).transform(Number).pipe(z.number().min(min).max(max));
const queryBoolean = z.enum(["true", "false"]).transform((text) => text === "true");
const queryList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((text) => text.split(",").map((part) => part.trim()).filter((part) => part !== ""))
    .pipe(z.array(item).min(1));

const citySchema = z.enum(cities);
const queryCities = z.union([z.enum(["own", "all"]), queryList(citySchema)]);

// Query-string fields of the mission options; each endpoint adds its own.
export const missionQueryFields = {
  targetMin: queryNumber(1, MAX_TARGET_MIN).default(120),
  reserveMin: queryNumber(0, 240).default(30),
  approvalDelayMin: queryNumber(0, 1440).default(0),
  onSceneMin: queryNumber(0, 600).default(15),
  windFromDeg: queryNumber(0, 360).optional(),
  windSpeedKmh: queryNumber(0, MAX_WIND_SPEED_KMH).optional(),
  withBucket: queryBoolean.default(false),
  time: z.iso.datetime({ offset: true }).optional(),
  night: queryBoolean.optional(),
  cities: queryCities.optional(),
  includeStatuses: queryList(z.enum(aircraftStatuses)).optional(),
  aircraftIds: queryList(z.string().regex(/^[1-9][0-9]{0,9}$/, { error: "positive integer ids such as 1,4,7" }).transform(Number)).optional(),
};

// JSON fields of the same options, for POST bodies.
export const missionBodyFields = {
  targetMin: z.number().min(1).max(MAX_TARGET_MIN).default(120),
  reserveMin: z.number().min(0).max(240).default(30),
  approvalDelayMin: z.number().min(0).max(1440).default(0),
  onSceneMin: z.number().min(0).max(600).default(15),
  windFromDeg: z.number().min(0).max(360).optional(),
  windSpeedKmh: z.number().min(0).max(MAX_WIND_SPEED_KMH).optional(),
  withBucket: z.boolean().default(false),
  time: z.iso.datetime({ offset: true }).optional(),
  night: z.boolean().optional(),
  cities: z.union([z.enum(["own", "all"]), z.array(citySchema).min(1)]).optional(),
  includeStatuses: z.array(z.enum(aircraftStatuses)).min(1).optional(),
  aircraftIds: z.array(z.number().int().positive()).min(1).optional(),
};

interface ParsedMissionFields {
  targetMin: number;
  reserveMin: number;
  approvalDelayMin: number;
  onSceneMin: number;
  windFromDeg?: number | undefined;
  windSpeedKmh?: number | undefined;
  withBucket: boolean;
  time?: string | undefined;
  night?: boolean | undefined;
  cities?: CitySelection | undefined;
  includeStatuses?: AircraftStatus[] | undefined;
  aircraftIds?: number[] | undefined;
}

/** Adds the cross-field checks: wind needs both fields, and `time` excludes `night`. */
export function checkMissionFields(fields: Partial<ParsedMissionFields>, ctx: z.RefinementCtx): void {
  const hasFrom = fields.windFromDeg !== undefined;
  const hasSpeed = fields.windSpeedKmh !== undefined;
  if (hasFrom !== hasSpeed) {
    ctx.addIssue({
      code: "custom",
      path: [hasFrom ? "windSpeedKmh" : "windFromDeg"],
      params: { code: "missing_field" },
      message: "windFromDeg and windSpeedKmh go together",
    });
  }
  if (fields.time !== undefined && fields.night !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["night"],
      params: { code: "conflicting_fields", expected: "either time or night, not both" },
      message: "conflict",
    });
  }
}

/** Turns parsed fields into the options the services take; `defaultCities` applies when `cities` is absent. */
export function toMissionRequest(fields: ParsedMissionFields, defaultCities: CitySelection, nowMs: number): MissionRequest {
  const wind =
    fields.windFromDeg !== undefined && fields.windSpeedKmh !== undefined
      ? { fromDeg: fields.windFromDeg, speedKmh: fields.windSpeedKmh }
      : null;

  let night: NightSelection = { kind: "time", at: new Date(nowMs) };
  if (fields.night !== undefined) {
    night = { kind: "fixed", night: fields.night };
  } else if (fields.time !== undefined) {
    night = { kind: "time", at: new Date(fields.time) };
  }

  return {
    eta: {
      targetMin: fields.targetMin,
      reserveMin: fields.reserveMin,
      approvalDelayMin: fields.approvalDelayMin,
      onSceneMin: fields.onSceneMin,
      wind,
      withBucket: fields.withBucket,
    },
    night,
    cities: fields.cities ?? defaultCities,
    statuses: fields.includeStatuses ?? ["available"],
    aircraftIds: fields.aircraftIds ?? null,
  };
}

/** Resolves the city selection against the caller's own city. */
export function toFleetFilter(request: MissionRequest, ownCity: string): FleetFilter {
  let selected: FleetFilter["cities"] = "all";
  if (request.cities === "own") {
    selected = [ownCity];
  } else if (request.cities !== "all") {
    selected = request.cities;
  }

  return { cities: selected, statuses: request.statuses, aircraftIds: request.aircraftIds };
}
