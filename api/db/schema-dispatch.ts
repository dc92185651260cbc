// Drizzle schema of dispatch: incidents, missions with their timeline,
// restricted areas and flight-following alerts. Geometry is WGS-84 (SRID
// 4326), longitude first; polygons are read and written through PostGIS
// functions (ST_GeomFromGeoJSON, ST_AsGeoJSON) in the queries.
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import { aircraft, bases, patrolRoutes } from "./schema.js";

type GeometryKind = "Point" | "Polygon" | "MultiPolygon";

// Same helper as schema.ts: drizzle's geometry() handles points only and may drop the SRID.
function geometry(name: string, kind: GeometryKind) {
  return customType<{ data: string; driverData: string }>({
    dataType: () => `geometry(${kind}, 4326)`,
  })(name);
}

export const incidentKind = pgEnum("incident_kind", [
  "forest_fire",
  "grassland_fire",
  "flood",
  "earthquake",
  "medical_evacuation",
  "search_and_rescue",
  "hazardous_chemicals",
]);
export const incidentStatus = pgEnum("incident_status", ["open", "closed"]);
export const missionStatus = pgEnum("mission_status", [
  "requested",
  "dispatched",
  "airborne",
  "on_scene",
  "returning",
  "landed",
  "closed",
  "cancelled",
]);
export const alertKind = pgEnum("alert_kind", [
  "lost_contact",
  "emergency_squawk",
  "route_deviation",
  "restricted_area",
  "low_endurance",
  "overdue",
]);
export const alertLevel = pgEnum("alert_level", ["warning", "alarm", "escalation", "emergency"]);

const audit = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const incidents = pgTable(
  "incidents",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    kind: incidentKind("kind").notNull(),
    // 1 is the most urgent, 5 the least.
    priority: smallint("priority").notNull(),
    status: incidentStatus("status").notNull().default("open"),
    reporter: text("reporter"),
    notes: text("notes"),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull(),
    // The point that aircraft fly to: the reported point, or a point on the
    // surface of the fire-front polygon.
    location: geometry("location", "Point").notNull(),
    // The fire front or affected area, when the call reported one.
    area: geometry("area", "Polygon"),
    createdBy: text("created_by").notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: text("closed_by"),
    ...audit,
  },
  (t) => [
    check("incidents_priority_range", sql`${t.priority} BETWEEN 1 AND 5`),
    index("incidents_location_gist").using("gist", t.location),
    index("incidents_status_idx").on(t.status),
  ],
);

export const missions = pgTable(
  "missions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "restrict" }),
    aircraftId: integer("aircraft_id")
      .notNull()
      .references(() => aircraft.id, { onDelete: "restrict" }),
    // A patrol mission flies this route; route-deviation alerts apply to it.
    patrolRouteId: integer("patrol_route_id").references(() => patrolRoutes.id, { onDelete: "restrict" }),
    status: missionStatus("status").notNull(),
    // Model ETA at assignment, alert to over the scene; the overdue alert counts from it.
    estimatedEtaMin: real("estimated_eta_min"),
    targetMin: real("target_min").notNull().default(120),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    airborneAt: timestamp("airborne_at", { withTimezone: true }),
    onSceneAt: timestamp("on_scene_at", { withTimezone: true }),
    // Actual dispatch to on-scene time, set once when the mission first reaches on_scene.
    arrivalMin: real("arrival_min"),
    landedAt: timestamp("landed_at", { withTimezone: true }),
    landedBaseId: integer("landed_base_id").references(() => bases.id, { onDelete: "set null" }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdBy: text("created_by").notNull(),
    // The city that dispatched it, the aircraft's serving city at the time;
    // only its users change the mission by hand.
    city: text("city").notNull(),
    ...audit,
  },
  (t) => [
    // At most one active mission per aircraft: the database, not the handler,
    // decides the race between two dispatchers.
    uniqueIndex("missions_active_aircraft_key")
      .on(t.aircraftId)
      .where(sql`${t.status} IN ('requested', 'dispatched', 'airborne', 'on_scene', 'returning')`),
    index("missions_incident_idx").on(t.incidentId),
    index("missions_dispatched_at_idx").on(t.dispatchedAt),
  ],
);

// The timeline of a mission: one row per status change, oldest first.
export const missionEvents = pgTable(
  "mission_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    missionId: integer("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    time: timestamp("time", { withTimezone: true }).notNull(),
    // Null on the event that creates the mission.
    fromStatus: missionStatus("from_status"),
    toStatus: missionStatus("to_status").notNull(),
    // A token name, or "tracking" for automatic changes.
    actor: text("actor").notNull(),
    note: text("note"),
  },
  (t) => [index("mission_events_mission_idx").on(t.missionId, t.time)],
);

// Airspace that fleet aircraft must not enter, such as a temporary
// restriction over a fire. Active from activeFrom until activeUntil (open-ended when null).
export const restrictedAreas = pgTable(
  "restricted_areas",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en"),
    area: geometry("area", "MultiPolygon").notNull(),
    activeFrom: timestamp("active_from", { withTimezone: true }).notNull().defaultNow(),
    activeUntil: timestamp("active_until", { withTimezone: true }),
    notes: text("notes"),
    createdBy: text("created_by").notNull(),
    ...audit,
  },
  (t) => [index("restricted_areas_area_gist").using("gist", t.area)],
);

export const alerts = pgTable(
  "alerts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    kind: alertKind("kind").notNull(),
    level: alertLevel("level").notNull(),
    aircraftId: integer("aircraft_id")
      .notNull()
      .references(() => aircraft.id, { onDelete: "cascade" }),
    icaoAddress: text("icao_address"),
    missionId: integer("mission_id").references(() => missions.id, { onDelete: "set null" }),
    // Rule-specific facts (squawk code, distances, area id), in named units.
    details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    // Last time the level changed, e.g. lost contact going from warning to alarm.
    levelChangedAt: timestamp("level_changed_at", { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: text("acknowledged_by"),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
  },
  (t) => [
    // A condition that persists keeps its one open alert.
    uniqueIndex("alerts_open_aircraft_kind_key").on(t.aircraftId, t.kind).where(sql`${t.clearedAt} IS NULL`),
    index("alerts_raised_at_idx").on(t.raisedAt),
  ],
);
