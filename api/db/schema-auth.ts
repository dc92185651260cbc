// Drizzle schema of people and accountability: the cities that share the
// system, user accounts with their login sessions, the audit log, and
// mutual-aid requests that lend an aircraft from one city to another.
//
// Columns of schema.ts and schema-dispatch.ts are referenced only inside
// `references(() => ...)` callbacks: schema.ts re-exports this file, so its
// bindings are not yet initialised while this module is evaluated.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import { roles } from "../auth/roles.js";
import { aircraft } from "./schema.js";
import { incidents } from "./schema-dispatch.js";

export const userRole = pgEnum("user_role", roles);
export const mutualAidStatus = pgEnum("mutual_aid_status", ["requested", "approved", "declined", "cancelled", "returned"]);

// The home city and the partner cities that lend each other aircraft. Users,
// tokens and mutual-aid requests name a city by its code.
export const cities = pgTable("cities", {
  code: text("code").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  // Exactly one city is the home city (bayannur); its admins may write anywhere.
  home: boolean("home").notNull().default(false),
  // An inactive partner keeps its history but takes no new requests.
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("cities_one_home_key").on(t.home).where(sql`${t.home}`)]);

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // Lower-case login name, unique.
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    role: userRole("role").notNull(),
    city: text("city")
      .notNull()
      .references(() => cities.code, { onDelete: "restrict" }),
    // Argon2id PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
    passwordHash: text("password_hash").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_username_key").on(t.username)],
);

// Login sessions. The bearer token is shown once at login; only its SHA-256
// is stored. A session ends at expiresAt (fixed at login, not extended by
// use) or when revokedAt is set by logout, a password change or disabling.
export const sessions = pgTable(
  "sessions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    clientAddress: text("client_address"),
  },
  (t) => [uniqueIndex("sessions_token_hash_key").on(t.tokenHash), index("sessions_user_idx").on(t.userId)],
);

// The record of every change: its author, the object, and its state before
// and after. Written in the same transaction as the change.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    // "user:<id>", "token:<id>", "ADMIN_TOKEN" or "tracking".
    actor: text("actor").notNull(),
    // Username or token name at the time of the change, for reading.
    actorName: text("actor_name").notNull(),
    // Null for automatic changes ("tracking").
    actorRole: userRole("actor_role"),
    action: text("action").notNull(),
    objectKind: text("object_kind").notNull(),
    objectId: text("object_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
  },
  (t) => [
    check("audit_log_action_format", sql`${t.action} ~ '^[a-z][a-z_]*$'`),
    index("audit_log_object_idx").on(t.objectKind, t.objectId, t.at),
    index("audit_log_actor_idx").on(t.actor, t.at),
    index("audit_log_at_idx").on(t.at),
  ],
);

// A coordinator's request for an aircraft of a partner city. An approved
// request that has not been returned is an active loan: the aircraft is at
// the requesting city's disposal until returnedAt.
export const mutualAidRequests = pgTable(
  "mutual_aid_requests",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    status: mutualAidStatus("status").notNull().default("requested"),
    requestingCity: text("requesting_city")
      .notNull()
      .references(() => cities.code, { onDelete: "restrict" }),
    lendingCity: text("lending_city")
      .notNull()
      .references(() => cities.code, { onDelete: "restrict" }),
    // The aircraft asked for, or, for an "any suitable aircraft" request,
    // the one the lending city chose on approval.
    aircraftId: integer("aircraft_id").references(() => aircraft.id, { onDelete: "restrict" }),
    // Set on "any suitable aircraft" requests: the category and capabilities needed.
    category: text("category"),
    capabilities: text("capabilities").array().notNull().default(sql`'{}'::text[]`),
    incidentId: integer("incident_id").references(() => incidents.id, { onDelete: "set null" }),
    notes: text("notes"),
    declineReason: text("decline_reason"),
    requestedBy: text("requested_by").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    returnedBy: text("returned_by"),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("mutual_aid_requests_other_city", sql`${t.requestingCity} <> ${t.lendingCity}`),
    check("mutual_aid_requests_target", sql`${t.aircraftId} IS NOT NULL OR ${t.category} IS NOT NULL`),
    // The values of aircraft_category; that enum cannot be used here (see the file header).
    check("mutual_aid_requests_category", sql`${t.category} IN ('helicopter', 'fixed_wing', 'drone')`),
    // An aircraft is lent to at most one city at a time: the database, not
    // the handler, decides between two concurrent approvals.
    uniqueIndex("mutual_aid_active_loan_key").on(t.aircraftId).where(sql`${t.status} = 'approved'`),
    index("mutual_aid_requests_status_idx").on(t.status),
  ],
);
