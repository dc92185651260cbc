// Drizzle schema of the asset registry and the position history.
// Units are metric and named in every column; geometry is WGS-84 (SRID 4326),
// longitude first. Lines and polygons are read and written through PostGIS
// functions (ST_GeomFromGeoJSON, ST_AsGeoJSON) in the queries.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

type GeometryKind = "Point" | "LineString" | "MultiPolygon";

// drizzle's own geometry() column handles points only and may drop the SRID,
// so every geometry column names its type and SRID here.
function geometry(name: string, kind: GeometryKind) {
  return customType<{ data: string; driverData: string }>({
    dataType: () => `geometry(${kind}, 4326)`,
  })(name);
}

export const baseKind = pgEnum("base_kind", ["air_station", "mobile_station", "helipad", "partner_base"]);
export const aircraftCategory = pgEnum("aircraft_category", ["helicopter", "fixed_wing", "drone"]);
export const aircraftStatus = pgEnum("aircraft_status", ["available", "on_mission", "maintenance", "off_duty"]);
export const landingSurface = pgEnum("landing_surface", ["concrete", "asphalt", "grass", "gravel", "dirt"]);
export const waterSourceKind = pgEnum("water_source_kind", ["river", "lake", "reservoir", "pond", "tank"]);
export const riskAreaKind = pgEnum("risk_area_kind", [
  "forest",
  "grassland",
  "flood",
  "seismic",
  "hazardous_chemicals",
  "mine",
]);
export const tokenRole = pgEnum("token_role", ["admin", "planner", "dispatcher", "coordinator", "viewer", "feed"]);

const audit = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

// Provenance of an asset's data; invented demo items carry synthetic = true.
const provenance = {
  notes: text("notes"),
  synthetic: boolean("synthetic").notNull().default(false),
  source: text("source"),
};

export const bases = pgTable(
  "bases",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en"),
    kind: baseKind("kind").notNull(),
    city: text("city").notNull(),
    fuelAvailable: boolean("fuel_available").notNull().default(false),
    nightOperations: boolean("night_operations").notNull().default(false),
    elevationM: real("elevation_m"),
    location: geometry("location", "Point").notNull(),
    ...provenance,
    ...audit,
  },
  (t) => [
    uniqueIndex("bases_code_key").on(t.code),
    index("bases_location_gist").using("gist", t.location),
  ],
);

export const aircraftTypes = pgTable(
  "aircraft_types",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    nameZh: text("name_zh"),
    category: aircraftCategory("category").notNull(),
    cruiseSpeedKmh: real("cruise_speed_kmh").notNull(),
    bucketCruiseSpeedKmh: real("bucket_cruise_speed_kmh"),
    rangeKm: real("range_km").notNull(),
    enduranceMin: real("endurance_min").notNull(),
    bucketCapacityL: real("bucket_capacity_l"),
    seats: smallint("seats").notNull().default(0),
    stretchers: smallint("stretchers").notNull().default(0),
    hoist: boolean("hoist").notNull().default(false),
    nightCapable: boolean("night_capable").notNull().default(false),
    readinessDayMin: real("readiness_day_min").notNull(),
    readinessNightMin: real("readiness_night_min").notNull(),
    maxSpeedKmh: real("max_speed_kmh"),
    serviceCeilingM: real("service_ceiling_m"),
    uncertainFields: text("uncertain_fields").array().notNull().default(sql`'{}'::text[]`),
    source: text("source"),
    ...audit,
  },
  (t) => [
    check("aircraft_types_speeds_positive", sql`${t.cruiseSpeedKmh} > 0 AND ${t.rangeKm} > 0 AND ${t.enduranceMin} > 0`),
  ],
);

export const aircraft = pgTable(
  "aircraft",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    registration: text("registration").notNull(),
    // ICAO 24-bit address as 6 upper-case hex digits.
    icaoAddress: text("icao_address"),
    callsign: text("callsign"),
    typeId: text("type_id")
      .notNull()
      .references(() => aircraftTypes.id, { onDelete: "restrict" }),
    homeBaseId: integer("home_base_id").references(() => bases.id, { onDelete: "restrict" }),
    status: aircraftStatus("status").notNull().default("available"),
    operator: text("operator"),
    city: text("city").notNull(),
    readinessDayMin: real("readiness_day_min"),
    readinessNightMin: real("readiness_night_min"),
    // Id of a GPS/BeiDou tracker on board that pushes positions over HTTP.
    trackerId: text("tracker_id"),
    notes: text("notes"),
    synthetic: boolean("synthetic").notNull().default(false),
    ...audit,
  },
  (t) => [
    uniqueIndex("aircraft_registration_key").on(t.registration),
    uniqueIndex("aircraft_tracker_id_key").on(t.trackerId),
    uniqueIndex("aircraft_icao_address_key").on(t.icaoAddress),
    index("aircraft_home_base_idx").on(t.homeBaseId),
  ],
);

export const landingPoints = pgTable(
  "landing_points",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en"),
    surface: landingSurface("surface").notNull(),
    sizeM: real("size_m").notNull(),
    nightCapable: boolean("night_capable").notNull().default(false),
    elevationM: real("elevation_m"),
    city: text("city").notNull(),
    location: geometry("location", "Point").notNull(),
    ...provenance,
    ...audit,
  },
  (t) => [index("landing_points_location_gist").using("gist", t.location)],
);

export const waterSources = pgTable(
  "water_sources",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en"),
    kind: waterSourceKind("kind").notNull(),
    bucketUsable: boolean("bucket_usable").notNull().default(true),
    minDepthM: real("min_depth_m"),
    // Months (1-12) in which the surface is frozen and no bucket can dip.
    monthsFrozen: smallint("months_frozen").array().notNull().default(sql`'{}'::smallint[]`),
    city: text("city").notNull(),
    location: geometry("location", "Point").notNull(),
    ...provenance,
    ...audit,
  },
  (t) => [index("water_sources_location_gist").using("gist", t.location)],
);

export const patrolRoutes = pgTable(
  "patrol_routes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en"),
    corridorWidthKm: real("corridor_width_km").notNull(),
    activeMonths: smallint("active_months").array().notNull().default(sql`'{}'::smallint[]`),
    homeBaseId: integer("home_base_id").references(() => bases.id, { onDelete: "set null" }),
    path: geometry("path", "LineString").notNull(),
    ...provenance,
    ...audit,
  },
  (t) => [index("patrol_routes_path_gist").using("gist", t.path)],
);

export const riskAreas = pgTable(
  "risk_areas",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en"),
    kind: riskAreaKind("kind").notNull(),
    weight: real("weight").notNull().default(1),
    area: geometry("area", "MultiPolygon").notNull(),
    ...provenance,
    ...audit,
  },
  (t) => [index("risk_areas_area_gist").using("gist", t.area)],
);

// Administrative units (the city, its counties, the neighbouring cities) used
// by the offline base map and by coverage shares. Replaceable by an import of
// official boundaries.
export const adminAreas = pgTable(
  "admin_areas",
  {
    adcode: text("adcode").primaryKey(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en"),
    level: text("level").notNull(),
    role: text("role").notNull(),
    parentAdcode: text("parent_adcode"),
    source: text("source"),
    area: geometry("area", "MultiPolygon").notNull(),
  },
  (t) => [index("admin_areas_area_gist").using("gist", t.area)],
);

// Position history from every feed; written in batches by tracking/store.
export const positions = pgTable(
  "positions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    icaoAddress: text("icao_address").notNull(),
    time: timestamp("time", { withTimezone: true }).notNull(),
    location: geometry("location", "Point").notNull(),
    altitudeM: real("altitude_m"),
    groundSpeedKmh: real("ground_speed_kmh"),
    trackDeg: real("track_deg"),
    verticalRateMps: real("vertical_rate_mps"),
    squawk: text("squawk"),
    onGround: boolean("on_ground"),
    source: text("source").notNull(),
  },
  (t) => [
    index("positions_icao_time_idx").on(t.icaoAddress, t.time),
    // autosummarize: new block ranges join the index as they fill, not at the
    // next VACUUM, so a replay of the last hour does not recheck the whole tail.
    index("positions_time_brin").using("brin", t.time).with({ autosummarize: true }),
    index("positions_location_gist").using("gist", t.location),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    role: tokenRole("role").notNull(),
    city: text("city").notNull().default("bayannur"),
    // SHA-256 of the token, hex. The token itself is shown once, at creation.
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash)],
);
export * from "./schema-dispatch.js";
export * from "./schema-auth.js";
