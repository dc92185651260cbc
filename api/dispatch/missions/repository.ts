import { sql } from "drizzle-orm";

import { auditInTransaction, type AuditActor } from "../../audit/log.js";
import { assertCityWrite } from "../../auth/users/city-scope.js";
import type { Principal } from "../../auth/tokens.js";
import type { Database } from "../../db/client.js";
import { ApiError, conflict, notFound, unprocessable } from "../../http/errors.js";
import type { EtaResult } from "../../coverage/model/index.js";
import { assertAtDisposal } from "../disposal.js";
import type { CreateMission } from "./schema.js";
import { checkCanFly } from "./service.js";
import { activeStatuses, allowedTransitions, canTransition, isActive, type MissionStatus } from "./transitions.js";

type Db = Database["db"];
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const activeList = sql.raw(activeStatuses.map((s) => `'${s}'`).join(", "));

export interface MissionRow {
  id: number;
  incidentId: number;
  incidentKind: string;
  aircraftId: number;
  registration: string;
  callsign: string | null;
  icaoAddress: string | null;
  patrolRouteId: number | null;
  status: MissionStatus;
  estimatedEtaMin: number | null;
  targetMin: number;
  requestedAtMs: number;
  dispatchedAtMs: number | null;
  airborneAtMs: number | null;
  onSceneAtMs: number | null;
  arrivalMin: number | null;
  landedAtMs: number | null;
  landedBaseId: number | null;
  endedAtMs: number | null;
  createdBy: string;
  city: string;
}

export interface MissionEventRow {
  id: number;
  timeMs: number;
  fromStatus: MissionStatus | null;
  toStatus: MissionStatus;
  actor: string;
  note: string | null;
}

const epochMs = (column: string) => sql.raw(`(extract(epoch FROM m.${column}) * 1000)::float8`);

const missionSelect = sql`
  SELECT m.id, m.incident_id AS "incidentId", i.kind AS "incidentKind", m.aircraft_id AS "aircraftId",
         a.registration, a.callsign, a.icao_address AS "icaoAddress", m.patrol_route_id AS "patrolRouteId",
         m.status, m.estimated_eta_min::float8 AS "estimatedEtaMin", m.target_min::float8 AS "targetMin",
         ${epochMs("requested_at")} AS "requestedAtMs", ${epochMs("dispatched_at")} AS "dispatchedAtMs",
         ${epochMs("airborne_at")} AS "airborneAtMs", ${epochMs("on_scene_at")} AS "onSceneAtMs",
         m.arrival_min::float8 AS "arrivalMin", ${epochMs("landed_at")} AS "landedAtMs",
         m.landed_base_id AS "landedBaseId", ${epochMs("ended_at")} AS "endedAtMs", m.created_by AS "createdBy", m.city
  FROM missions m JOIN incidents i ON i.id = m.incident_id JOIN aircraft a ON a.id = m.aircraft_id`;

interface PgError {
  code?: string;
  constraint_name?: string;
}

function pgErrorOf(error: unknown): PgError {
  return ((error as { cause?: unknown }).cause ?? error) as PgError;
}

// Locks the aircraft row so that a second assignment of the same aircraft
// waits for this one and then reads it as on_mission. Checks first that the
// aircraft is at the disposal of `dispatcherCity` (see ../disposal.ts), so
// that a partner aircraft is rejected whatever its status.
// NOTE: approving a loan locks the request row, not the aircraft row, so a
// loan approved while this transaction runs may go unseen. A return locks
// the aircraft row too and waits.
async function lockAvailableAircraft(tx: Tx, aircraftId: number, dispatcherCity: string): Promise<void> {
  const rows = await tx.execute<{ status: string; registration: string; city: string; servingCity: string }>(sql`
    SELECT a.status, a.registration, a.city, COALESCE(loan.requesting_city, a.city) AS "servingCity"
    FROM aircraft a
    LEFT JOIN mutual_aid_requests loan ON loan.aircraft_id = a.id AND loan.status = 'approved'
    WHERE a.id = ${aircraftId}
    FOR UPDATE OF a`);
  const aircraft = rows[0];
  if (!aircraft) {
    throw unprocessable({ code: "reference_not_found", field: "aircraftId", value: aircraftId });
  }
  assertAtDisposal({ id: aircraftId, ...aircraft }, dispatcherCity);
  if (aircraft.status === "on_mission") {
    const active = await tx.execute<{ id: number }>(sql`SELECT id FROM missions WHERE aircraft_id = ${aircraftId} AND status IN (${activeList})`);
    throw conflict({ code: "aircraft_busy", field: "aircraftId", value: aircraftId, expected: String(active[0]?.id ?? "?") });
  }
  if (aircraft.status !== "available") {
    throw conflict({ code: "aircraft_unavailable", field: "aircraftId", value: aircraftId, expected: aircraft.status });
  }
}

async function assertOpenIncident(tx: Tx, incidentId: number): Promise<void> {
  const rows = await tx.execute<{ status: string }>(sql`SELECT status FROM incidents WHERE id = ${incidentId} FOR SHARE`);
  if (!rows[0]) {
    throw unprocessable({ code: "reference_not_found", field: "incidentId", value: incidentId });
  }
  if (rows[0].status === "closed") {
    throw conflict({ code: "incident_closed", field: "incidentId", value: incidentId });
  }
}

async function insertEvent(tx: Tx, missionId: number, timeMs: number, from: MissionStatus | null, to: MissionStatus, actor: string, note: string | null) {
  await tx.execute(sql`
    INSERT INTO mission_events (mission_id, time, from_status, to_status, actor, note)
    VALUES (${missionId}, to_timestamp(${timeMs / 1000}), ${from}, ${to}, ${actor}, ${note})`);
}

export interface CreateMissionContext {
  // The city the mission is dispatched for: the principal's city.
  dispatcherCity: string;
  // The model estimate to the incident, null when the aircraft has no home base.
  eta: EtaResult | null;
  audit: AuditActor;
  nowMs: number;
}

// Assigns an aircraft to an incident in one transaction: row lock on the
// aircraft, the disposal check, the model check, insert, timeline events,
// aircraft on_mission. The partial unique index decides any race the lock
// did not, and both become a 409. The audit row is part of the same
// transaction, so a lost race leaves none. When the dispatcher overrides
// the model (input.override), the reasons go on the first timeline event
// and are returned as `overrideNote`.
export async function createMission(db: Db, input: CreateMission, context: CreateMissionContext): Promise<{ missionId: number; overrideNote: string | null }> {
  const { audit, nowMs } = context;
  const actor = audit.actorName;
  try {
    return await db.transaction(async (tx) => {
      await lockAvailableAircraft(tx, input.aircraftId, context.dispatcherCity);
      await assertOpenIncident(tx, input.incidentId);
      const overrideNote = checkCanFly(context.eta, input.aircraftId, input.override === true);

      const dispatchedAt = input.status === "dispatched" ? sql`to_timestamp(${nowMs / 1000})` : sql`NULL`;
      const estimatedEtaMin = context.eta?.etaMin ?? null;
      const inserted = await tx.execute<{ id: number }>(sql`
        INSERT INTO missions (incident_id, aircraft_id, patrol_route_id, status, estimated_eta_min, target_min, requested_at, dispatched_at, created_by, city)
        VALUES (${input.incidentId}, ${input.aircraftId}, ${input.patrolRouteId ?? null}, ${input.status}, ${estimatedEtaMin}, ${input.targetMin},
                to_timestamp(${nowMs / 1000}), ${dispatchedAt}, ${actor}, ${context.dispatcherCity})
        RETURNING id`);
      const missionId = inserted[0]!.id;

      const note = [overrideNote, input.note ?? null].filter((part) => part !== null).join("\n") || null;
      await insertEvent(tx, missionId, nowMs, null, "requested", actor, note);
      if (input.status === "dispatched") {
        await insertEvent(tx, missionId, nowMs, "requested", "dispatched", actor, null);
      }
      await tx.execute(sql`UPDATE aircraft SET status = 'on_mission', updated_at = now() WHERE id = ${input.aircraftId}`);
      const after = { incidentId: input.incidentId, aircraftId: input.aircraftId, patrolRouteId: input.patrolRouteId ?? null, status: input.status, note: input.note ?? null, override: overrideNote };
      await auditInTransaction(tx, { ...audit, action: "assign", objectKind: "mission", objectId: missionId, after });
      return { missionId, overrideNote };
    });
  } catch (error) {
    const pg = pgErrorOf(error);
    if (pg.code === "23505" && pg.constraint_name === "missions_active_aircraft_key") {
      throw conflict({ code: "aircraft_busy", field: "aircraftId", value: input.aircraftId, expected: "?" });
    }
    if (pg.code === "23503" && pg.constraint_name === "missions_patrol_route_id_patrol_routes_id_fk") {
      throw unprocessable({ code: "reference_not_found", field: "patrolRouteId", value: input.patrolRouteId });
    }
    throw error;
  }
}

export interface TransitionRequest {
  to: MissionStatus;
  // Who made the change: a request's actor, or trackingActor for changes made from positions.
  audit: AuditActor;
  timeMs: number;
  note?: string | null;
  // Tracking passes the status it saw, so that a change a dispatcher made
  // meanwhile wins and the automatic one is dropped.
  expectedFrom?: MissionStatus;
  landedBaseId?: number | null;
  // The person making a change by hand, who must belong to the mission's
  // city; tracking's changes have none.
  principal?: Principal;
}

// The timestamp column a status sets, with what else changes alongside it.
function statusColumns(to: MissionStatus, timeMs: number, landedBaseId: number | null) {
  const at = sql`to_timestamp(${timeMs / 1000})`;
  switch (to) {
    case "dispatched":
      return sql`, dispatched_at = ${at}`;
    case "airborne":
      return sql`, airborne_at = COALESCE(airborne_at, ${at})`;
    case "on_scene":
      // The arrival time is the first arrival; a later return over the scene keeps it.
      return sql`, on_scene_at = COALESCE(on_scene_at, ${at}),
                   arrival_min = COALESCE(arrival_min, (extract(epoch FROM ${at} - dispatched_at) / 60)::real)`;
    case "landed":
      return sql`, landed_at = ${at}, landed_base_id = ${landedBaseId}`;
    case "closed":
    case "cancelled":
      return sql`, ended_at = ${at}`;
    default:
      return sql``;
  }
}

// Moves a mission to `to` if the transition is allowed, records the event,
// and frees the aircraft when the mission stops being active. Returns false
// when `expectedFrom` no longer matches (tracking lost a race with a dispatcher).
export async function transitionMission(db: Db, missionId: number, request: TransitionRequest): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ status: MissionStatus; aircraftId: number; city: string }>(
      sql`SELECT status, aircraft_id AS "aircraftId", city FROM missions WHERE id = ${missionId} FOR UPDATE`,
    );
    const mission = rows[0];
    if (!mission) {
      throw notFound("id", missionId);
    }
    if (request.principal) {
      assertCityWrite(request.principal, mission.city);
    }
    if (request.expectedFrom !== undefined && mission.status !== request.expectedFrom) {
      return false;
    }
    if (!canTransition(mission.status, request.to)) {
      const allowed = allowedTransitions[mission.status];
      throw new ApiError(409, { code: "invalid_transition", field: "status", value: request.to, expected: allowed.length ? allowed.join(" | ") : "(none)" });
    }

    await tx.execute(sql`
      UPDATE missions SET status = ${request.to}, updated_at = now() ${statusColumns(request.to, request.timeMs, request.landedBaseId ?? null)}
      WHERE id = ${missionId}`);
    await insertEvent(tx, missionId, request.timeMs, mission.status, request.to, request.audit.actorName, request.note ?? null);
    await auditInTransaction(tx, {
      ...request.audit,
      action: "status",
      objectKind: "mission",
      objectId: missionId,
      before: { status: mission.status },
      after: { status: request.to, note: request.note ?? null, landedBaseId: request.landedBaseId ?? null },
    });
    if (isActive(mission.status) && !isActive(request.to)) {
      await tx.execute(sql`UPDATE aircraft SET status = 'available', updated_at = now() WHERE id = ${mission.aircraftId} AND status = 'on_mission'`);
    }
    return true;
  });
}

export async function getMission(db: Db, missionId: number): Promise<{ mission: MissionRow; events: MissionEventRow[] }> {
  const rows = await db.execute<MissionRow & Record<string, unknown>>(sql`${missionSelect} WHERE m.id = ${missionId}`);
  if (!rows[0]) {
    throw notFound("id", missionId);
  }
  const events = await db.execute<MissionEventRow & Record<string, unknown>>(sql`
    SELECT id::int AS id, (extract(epoch FROM time) * 1000)::float8 AS "timeMs", from_status AS "fromStatus",
           to_status AS "toStatus", actor, note
    FROM mission_events WHERE mission_id = ${missionId} ORDER BY time, id`);
  return { mission: rows[0], events: [...events] };
}

export async function listMissions(db: Db, options: { active?: boolean; incidentId?: number; aircraftId?: number; limit: number; offset: number }) {
  const conditions = [sql`TRUE`];
  if (options.active === true) {
    conditions.push(sql`m.status IN (${activeList})`);
  }
  if (options.active === false) {
    conditions.push(sql`m.status NOT IN (${activeList})`);
  }
  if (options.incidentId !== undefined) {
    conditions.push(sql`m.incident_id = ${options.incidentId}`);
  }
  if (options.aircraftId !== undefined) {
    conditions.push(sql`m.aircraft_id = ${options.aircraftId}`);
  }
  const where = sql.join(conditions, sql` AND `);
  const rows = await db.execute<MissionRow & Record<string, unknown>>(
    sql`${missionSelect} WHERE ${where} ORDER BY m.requested_at DESC, m.id DESC LIMIT ${options.limit} OFFSET ${options.offset}`,
  );
  const counted = await db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM missions m WHERE ${where}`);
  return { rows: [...rows], total: counted[0]?.total ?? 0 };
}

// Active missions of aircraft with an ICAO address, for the tracking rules.
export async function listActiveMissions(db: Db): Promise<MissionRow[]> {
  const rows = await db.execute<MissionRow & Record<string, unknown>>(sql`${missionSelect} WHERE m.status IN (${activeList}) ORDER BY m.id`);
  return [...rows];
}

export interface ArrivalRow {
  kind: string;
  status: MissionStatus;
  arrivalMin: number | null;
  targetMin: number;
  dispatchedAtMs: number;
}

// Missions dispatched in [from, to), except cancelled ones, with their incident kind.
export async function listDispatchedMissions(db: Db, fromIso: string, toIso: string): Promise<ArrivalRow[]> {
  const rows = await db.execute<ArrivalRow & Record<string, unknown>>(sql`
    SELECT i.kind, m.status, m.arrival_min::float8 AS "arrivalMin", m.target_min::float8 AS "targetMin",
           (extract(epoch FROM m.dispatched_at) * 1000)::float8 AS "dispatchedAtMs"
    FROM missions m JOIN incidents i ON i.id = m.incident_id
    WHERE m.dispatched_at >= ${fromIso}::timestamptz AND m.dispatched_at < ${toIso}::timestamptz AND m.status <> 'cancelled'`);
  return [...rows];
}
