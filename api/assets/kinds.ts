import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";

import * as schema from "../db/schema.js";
import type { GeometryType } from "./geometry.js";

// The asset kinds served under /api/v1/<path>. Each one lists its write schema
// (strict: unknown fields are rejected), its geometry, the unique columns and
// the fields a response carries, so that no row leaves the API as it is.
export interface AssetKind {
  path: string;
  table: PgTable;
  idColumn: PgColumn;
  // The id is an integer, or a slug for aircraft types.
  idFormat: "integer" | "slug";
  geometry: { column: PgColumn; accepts: GeometryType[]; stored: "Point" | "LineString" | "MultiPolygon" } | null;
  create: z.ZodObject;
  outputFields: string[];
  // Database constraint name to the request field it protects.
  uniqueConstraints: Record<string, string>;
  foreignKeys: Record<string, string>;
}

export const cities = ["bayannur", "baotou", "ordos", "wuhai", "alxa"] as const;

const nameZh = z.string().trim().min(1).max(120);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const month = z.number().int().min(1).max(12);
const provenance = {
  notes: optionalText(2000),
  synthetic: z.boolean().optional(),
  source: optionalText(1000),
};

const baseProperties = z
  .object({
    code: z.string().trim().min(1).max(40),
    nameZh,
    nameEn: optionalText(120),
    kind: z.enum(["air_station", "mobile_station", "helipad", "partner_base"]),
    city: z.enum(cities),
    fuelAvailable: z.boolean().optional(),
    nightOperations: z.boolean().optional(),
    elevationM: z.number().min(-500).max(9000).nullable().optional(),
    ...provenance,
  })
  .strict();

const aircraftTypeProperties = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: "lower-case slug such as bell-412ep" }),
    name: z.string().trim().min(1).max(200),
    nameZh: optionalText(120),
    category: z.enum(["helicopter", "fixed_wing", "drone"]),
    cruiseSpeedKmh: z.number().positive().max(1200),
    bucketCruiseSpeedKmh: z.number().positive().max(1200).nullable().optional(),
    rangeKm: z.number().positive().max(10000),
    enduranceMin: z.number().positive().max(2880),
    bucketCapacityL: z.number().min(0).max(30000).nullable().optional(),
    seats: z.number().int().min(0).max(200).optional(),
    stretchers: z.number().int().min(0).max(50).optional(),
    hoist: z.boolean().optional(),
    nightCapable: z.boolean().optional(),
    readinessDayMin: z.number().min(0).max(1440),
    readinessNightMin: z.number().min(0).max(1440),
    maxSpeedKmh: z.number().positive().max(1500).nullable().optional(),
    serviceCeilingM: z.number().positive().max(20000).nullable().optional(),
    uncertainFields: z.array(z.string().max(60)).max(40).optional(),
    source: optionalText(2000),
  })
  .strict();

const aircraftProperties = z
  .object({
    registration: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{2,12}$/, {
      error: "registration such as B-7123",
    }),
    icaoAddress: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-F]{6}$/, { error: "ICAO 24-bit address as 6 hex digits, such as 7801A2" })
      .nullable()
      .optional(),
    callsign: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{1,8}$/, { error: "1 to 8 letters or digits" })
      .nullable()
      .optional(),
    typeId: z.string().min(1).max(40),
    homeBaseId: z.number().int().positive().nullable().optional(),
    status: z.enum(["available", "on_mission", "maintenance", "off_duty"]).optional(),
    operator: optionalText(200),
    city: z.enum(cities),
    readinessDayMin: z.number().min(0).max(1440).nullable().optional(),
    readinessNightMin: z.number().min(0).max(1440).nullable().optional(),
    trackerId: z.string().trim().min(1).max(64).nullable().optional(),
    notes: optionalText(2000),
    synthetic: z.boolean().optional(),
  })
  .strict();

const landingPointProperties = z
  .object({
    nameZh,
    nameEn: optionalText(120),
    surface: z.enum(["concrete", "asphalt", "grass", "gravel", "dirt"]),
    sizeM: z.number().positive().max(5000),
    nightCapable: z.boolean().optional(),
    elevationM: z.number().min(-500).max(9000).nullable().optional(),
    city: z.enum(cities),
    ...provenance,
  })
  .strict();

const waterSourceProperties = z
  .object({
    nameZh,
    nameEn: optionalText(120),
    kind: z.enum(["river", "lake", "reservoir", "pond", "tank"]),
    bucketUsable: z.boolean().optional(),
    minDepthM: z.number().min(0).max(1000).nullable().optional(),
    monthsFrozen: z.array(month).max(12).optional(),
    city: z.enum(cities),
    ...provenance,
  })
  .strict();

const patrolRouteProperties = z
  .object({
    nameZh,
    nameEn: optionalText(120),
    corridorWidthKm: z.number().positive().max(200),
    activeMonths: z.array(month).max(12).optional(),
    homeBaseId: z.number().int().positive().nullable().optional(),
    ...provenance,
  })
  .strict();

const riskAreaProperties = z
  .object({
    nameZh,
    nameEn: optionalText(120),
    kind: z.enum(["forest", "grassland", "flood", "seismic", "hazardous_chemicals", "mine"]),
    weight: z.number().min(0).max(10),
    ...provenance,
  })
  .strict();

const audit = ["createdAt", "updatedAt"];
const provenanceFields = ["notes", "synthetic", "source"];

export const assetKinds: AssetKind[] = [
  {
    path: "bases",
    table: schema.bases,
    idColumn: schema.bases.id,
    idFormat: "integer",
    geometry: { column: schema.bases.location, accepts: ["Point"], stored: "Point" },
    create: baseProperties,
    outputFields: ["code", "nameZh", "nameEn", "kind", "city", "fuelAvailable", "nightOperations", "elevationM", ...provenanceFields, ...audit],
    uniqueConstraints: { bases_code_key: "properties.code" },
    foreignKeys: {},
  },
  {
    path: "aircraft-types",
    table: schema.aircraftTypes,
    idColumn: schema.aircraftTypes.id,
    idFormat: "slug",
    geometry: null,
    create: aircraftTypeProperties,
    outputFields: [
      "id", "name", "nameZh", "category", "cruiseSpeedKmh", "bucketCruiseSpeedKmh", "rangeKm", "enduranceMin",
      "bucketCapacityL", "seats", "stretchers", "hoist", "nightCapable", "readinessDayMin", "readinessNightMin",
      "maxSpeedKmh", "serviceCeilingM", "uncertainFields", "source", ...audit,
    ],
    uniqueConstraints: { aircraft_types_pkey: "id" },
    foreignKeys: { aircraft_type_id_aircraft_types_id_fk: "typeId" },
  },
  {
    path: "aircraft",
    table: schema.aircraft,
    idColumn: schema.aircraft.id,
    idFormat: "integer",
    geometry: null,
    create: aircraftProperties,
    outputFields: [
      "id", "registration", "icaoAddress", "callsign", "typeId", "homeBaseId", "status", "operator", "city",
      "readinessDayMin", "readinessNightMin", "trackerId", "notes", "synthetic", ...audit,
    ],
    uniqueConstraints: {
      aircraft_registration_key: "registration",
      aircraft_icao_address_key: "icaoAddress",
      aircraft_tracker_id_key: "trackerId",
    },
    foreignKeys: { aircraft_type_id_aircraft_types_id_fk: "typeId", aircraft_home_base_id_bases_id_fk: "homeBaseId" },
  },
  {
    path: "landing-points",
    table: schema.landingPoints,
    idColumn: schema.landingPoints.id,
    idFormat: "integer",
    geometry: { column: schema.landingPoints.location, accepts: ["Point"], stored: "Point" },
    create: landingPointProperties,
    outputFields: ["nameZh", "nameEn", "surface", "sizeM", "nightCapable", "elevationM", "city", ...provenanceFields, ...audit],
    uniqueConstraints: {},
    foreignKeys: {},
  },
  {
    path: "water-sources",
    table: schema.waterSources,
    idColumn: schema.waterSources.id,
    idFormat: "integer",
    geometry: { column: schema.waterSources.location, accepts: ["Point"], stored: "Point" },
    create: waterSourceProperties,
    outputFields: ["nameZh", "nameEn", "kind", "bucketUsable", "minDepthM", "monthsFrozen", "city", ...provenanceFields, ...audit],
    uniqueConstraints: {},
    foreignKeys: {},
  },
  {
    path: "patrol-routes",
    table: schema.patrolRoutes,
    idColumn: schema.patrolRoutes.id,
    idFormat: "integer",
    geometry: { column: schema.patrolRoutes.path, accepts: ["LineString"], stored: "LineString" },
    create: patrolRouteProperties,
    outputFields: ["nameZh", "nameEn", "corridorWidthKm", "activeMonths", "homeBaseId", ...provenanceFields, ...audit],
    uniqueConstraints: {},
    foreignKeys: { patrol_routes_home_base_id_bases_id_fk: "properties.homeBaseId" },
  },
  {
    path: "risk-areas",
    table: schema.riskAreas,
    idColumn: schema.riskAreas.id,
    idFormat: "integer",
    geometry: { column: schema.riskAreas.area, accepts: ["Polygon", "MultiPolygon"], stored: "MultiPolygon" },
    create: riskAreaProperties,
    outputFields: ["nameZh", "nameEn", "kind", "weight", ...provenanceFields, ...audit],
    uniqueConstraints: {},
    foreignKeys: {},
  },
];
