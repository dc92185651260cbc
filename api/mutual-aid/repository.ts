import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";

import { auditInTransaction, type AuditActor, type Executor } from "../audit/log.js";
import { assertCityWrite, canWriteCity } from "../auth/users/city-scope.js";
import type { Principal } from "../auth/tokens.js";
import { aircraft, aircraftTypes, mutualAidRequests } from "../db/schema.js";
import { missions } from "../db/schema-dispatch.js";
import { activeStatuses } from "../dispatch/missions/transitions.js";
import { ApiError, conflict, notFound, unprocessable } from "../http/errors.js";
import { getCity } from "./cities.js";
import { assertIncidentInCity } from "./incident-city.js";
import { presentRequest, type RequestRow } from "./presenter.js";
import type { Capability, CreateRequest, ListRequestsQuery } from "./schema.js";

const objectKind = "mutual_aid_request";
type Status = RequestRow["status"];

interface PgError {
  code?: string;
  constraint_name?: string;
}

function pgErrorOf(error: unknown): PgError {
  // drizzle wraps the driver's error; the PostgreSQL fields are on its cause.
  return ((error as { cause?: unknown }).cause ?? error) as PgError;
}

export async function getRequest(db: Executor, id: number): Promise<RequestRow> {
  const rows = await db.select().from(mutualAidRequests).where(eq(mutualAidRequests.id, id));
  if (!rows[0]) {
    throw notFound("id", id);
  }
  return rows[0];
}

export async function listRequests(db: Executor, query: ListRequestsQuery) {
  const where = and(
    query.status ? eq(mutualAidRequests.status, query.status) : undefined,
    query.city ? or(eq(mutualAidRequests.requestingCity, query.city), eq(mutualAidRequests.lendingCity, query.city)) : undefined,
  );
  const rows = await db.select().from(mutualAidRequests).where(where).orderBy(desc(mutualAidRequests.id)).limit(query.limit).offset(query.offset);
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(mutualAidRequests).where(where);
  return { rows, total: counted?.total ?? 0 };
}

async function aircraftWithType(db: Executor, id: number) {
  const rows = await db
    .select({
      id: aircraft.id,
      city: aircraft.city,
      status: aircraft.status,
      registration: aircraft.registration,
      category: aircraftTypes.category,
      hoist: aircraftTypes.hoist,
      nightCapable: aircraftTypes.nightCapable,
      bucketCapacityL: aircraftTypes.bucketCapacityL,
      stretchers: aircraftTypes.stretchers,
    })
    .from(aircraft)
    .innerJoin(aircraftTypes, eq(aircraftTypes.id, aircraft.typeId))
    .where(eq(aircraft.id, id));
  if (!rows[0]) {
    throw unprocessable({ code: "reference_not_found", field: "aircraftId", value: id });
  }
  return rows[0];
}

type AircraftWithType = Awaited<ReturnType<typeof aircraftWithType>>;

export function hasCapability(plane: Pick<AircraftWithType, "hoist" | "nightCapable" | "bucketCapacityL" | "stretchers">, capability: Capability): boolean {
  switch (capability) {
    case "hoist":
      return plane.hoist;
    case "night":
      return plane.nightCapable;
    case "bucket":
      return (plane.bucketCapacityL ?? 0) > 0;
    case "stretcher":
      return plane.stretchers > 0;
  }
}

function assertOwnedBy(plane: AircraftWithType, lendingCity: string): void {
  if (plane.city !== lendingCity) {
    throw unprocessable({ code: "aircraft_wrong_city", field: "aircraftId", value: plane.id, expected: lendingCity });
  }
}

// The aircraft chosen on approval must meet an "any suitable aircraft" request.
function assertSuitable(plane: AircraftWithType, request: RequestRow): void {
  if (request.category === null) {
    return;
  }
  const missing = (request.capabilities as Capability[]).filter((capability) => !hasCapability(plane, capability));
  if (plane.category !== request.category || missing.length > 0) {
    const needs = [request.category, ...request.capabilities].join(", ");
    throw unprocessable({ code: "aircraft_not_suitable", field: "aircraftId", value: plane.id, expected: needs });
  }
}

async function assertNotOnLoan(db: Executor, aircraftId: number): Promise<void> {
  const rows = await db
    .select({ id: mutualAidRequests.id })
    .from(mutualAidRequests)
    .where(and(eq(mutualAidRequests.aircraftId, aircraftId), eq(mutualAidRequests.status, "approved")));
  if (rows[0]) {
    throw conflict({ code: "aircraft_on_loan", field: "aircraftId", value: aircraftId, expected: String(rows[0].id) });
  }
}

export async function createRequest(db: Executor, principal: Principal, actor: AuditActor, input: CreateRequest): Promise<RequestRow> {
  const requestingCity = input.requestingCity ?? principal.city;
  assertCityWrite(principal, requestingCity, "requestingCity");
  if (input.lendingCity === requestingCity) {
    throw unprocessable({ code: "invalid_value", field: "lendingCity", value: input.lendingCity, expected: `a city other than ${requestingCity}` });
  }
  const lender = await getCity(db, input.lendingCity, "lendingCity");
  if (!lender.active) {
    throw unprocessable({ code: "city_inactive", field: "lendingCity", value: lender.code });
  }
  await getCity(db, requestingCity, "requestingCity");
  if (input.incidentId !== undefined) {
    await assertIncidentInCity(db, input.incidentId, requestingCity);
  }
  if (input.aircraftId !== undefined) {
    assertOwnedBy(await aircraftWithType(db, input.aircraftId), lender.code);
  }

  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(mutualAidRequests)
        .values({
          requestingCity,
          lendingCity: lender.code,
          aircraftId: input.aircraftId ?? null,
          category: input.category ?? null,
          capabilities: input.capabilities ?? [],
          incidentId: input.incidentId ?? null,
          notes: input.notes ?? null,
          requestedBy: principal.name,
        })
        .returning();
      await auditInTransaction(tx, { ...actor, action: "request", objectKind, objectId: row!.id, after: presentRequest(row!) });
      return row!;
    });
  } catch (error) {
    const pg = pgErrorOf(error);
    if (pg.code === "23503" && pg.constraint_name === "mutual_aid_requests_incident_id_incidents_id_fk") {
      throw unprocessable({ code: "reference_not_found", field: "incidentId", value: input.incidentId });
    }
    throw error;
  }
}

interface Step {
  action: "approve" | "decline" | "cancel" | "return";
  from: Status;
  // Cities whose principals may take this step.
  cities: (row: RequestRow) => string[];
  check?: (tx: Executor, row: RequestRow) => Promise<void>;
  values: (row: RequestRow) => PgUpdateSetSource<typeof mutualAidRequests>;
}

// Moves a request one step under a row lock. Of two concurrent steps on
// one request, the second then reads the first one's result and gets 409.
async function takeStep(db: Executor, principal: Principal, actor: AuditActor, id: number, step: Step): Promise<RequestRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(mutualAidRequests).where(eq(mutualAidRequests.id, id)).for("update");
    if (!before) {
      throw notFound("id", id);
    }
    const allowed = step.cities(before);
    if (!allowed.some((city) => canWriteCity(principal, city))) {
      throw new ApiError(403, { code: "forbidden_mutual_aid_step", field: "id", value: principal.city, expected: allowed.join(" | ") });
    }
    if (before.status !== step.from) {
      throw conflict({ code: "mutual_aid_transition", field: "status", value: before.status, expected: step.from });
    }
    await step.check?.(tx, before);

    const [after] = await tx
      .update(mutualAidRequests)
      .set({ ...step.values(before), updatedAt: sql`now()` })
      .where(eq(mutualAidRequests.id, id))
      .returning();
    await auditInTransaction(tx, { ...actor, action: step.action, objectKind, objectId: id, before: presentRequest(before), after: presentRequest(after!) });
    return after!;
  });
}

// Lends the aircraft named in the request, or the one the lender picks for
// an "any suitable aircraft" request. The partial unique index on approved
// loans rejects a second concurrent loan of the same aircraft.
export async function approveRequest(db: Executor, principal: Principal, actor: AuditActor, id: number, input: { aircraftId?: number; notes?: string | null }) {
  let aircraftId = 0;
  const step: Step = {
    action: "approve",
    from: "requested",
    cities: (row) => [row.lendingCity],
    check: async (tx, row) => {
      aircraftId = chooseAircraft(row, input.aircraftId);
      const plane = await aircraftWithType(tx, aircraftId);
      assertOwnedBy(plane, row.lendingCity);
      if (plane.status !== "available") {
        throw conflict({ code: "aircraft_unavailable", field: "aircraftId", value: plane.registration, expected: plane.status });
      }
      assertSuitable(plane, row);
      await assertNotOnLoan(tx, aircraftId);
    },
    values: (row) => ({ status: "approved", aircraftId, decidedBy: principal.name, decidedAt: sql`now()`, notes: input.notes ?? row.notes }),
  };

  try {
    return await takeStep(db, principal, actor, id, step);
  } catch (error) {
    const pg = pgErrorOf(error);
    if (pg.code === "23505" && pg.constraint_name === "mutual_aid_active_loan_key") {
      await assertNotOnLoan(db, aircraftId);
    }
    throw error;
  }
}

function chooseAircraft(row: RequestRow, chosen: number | undefined): number {
  if (row.aircraftId !== null && chosen !== undefined && chosen !== row.aircraftId) {
    throw unprocessable({ code: "conflicting_fields", field: "aircraftId", value: chosen, expected: `no aircraftId or ${row.aircraftId}, the aircraft requested` });
  }
  const aircraftId = row.aircraftId ?? chosen;
  if (aircraftId === undefined) {
    throw unprocessable({ code: "missing_field", field: "aircraftId" });
  }
  return aircraftId;
}

export function declineRequest(db: Executor, principal: Principal, actor: AuditActor, id: number, reason: string) {
  return takeStep(db, principal, actor, id, {
    action: "decline",
    from: "requested",
    cities: (row) => [row.lendingCity],
    values: () => ({ status: "declined", declineReason: reason, decidedBy: principal.name, decidedAt: sql`now()` }),
  });
}

// The requesting city withdraws a request not yet decided.
export function cancelRequest(db: Executor, principal: Principal, actor: AuditActor, id: number, notes: string | null | undefined) {
  return takeStep(db, principal, actor, id, {
    action: "cancel",
    from: "requested",
    cities: (row) => [row.requestingCity],
    values: (row) => ({ status: "cancelled", decidedBy: principal.name, decidedAt: sql`now()`, notes: notes ?? row.notes }),
  });
}

// Ends a loan: the borrower hands the aircraft back, or the lender recalls it.
// Not while the aircraft flies a mission: the borrower's crew would lose the
// aircraft mid-rescue, so the mission ends first.
export function returnLoan(db: Executor, principal: Principal, actor: AuditActor, id: number, notes: string | null | undefined) {
  return takeStep(db, principal, actor, id, {
    action: "return",
    from: "approved",
    cities: (row) => [row.requestingCity, row.lendingCity],
    check: (tx, row) => assertNotOnMission(tx, row.aircraftId),
    values: (row) => ({ status: "returned", returnedBy: principal.name, returnedAt: sql`now()`, notes: notes ?? row.notes }),
  });
}

// Locks the aircraft row, as dispatch does before it assigns a mission, so
// that a dispatch and a return of the same aircraft do not pass each other.
async function assertNotOnMission(tx: Executor, aircraftId: number | null): Promise<void> {
  if (aircraftId === null) {
    return;
  }
  const [plane] = await tx.select({ registration: aircraft.registration }).from(aircraft).where(eq(aircraft.id, aircraftId)).for("update");
  const active = await tx
    .select({ id: missions.id })
    .from(missions)
    .where(and(eq(missions.aircraftId, aircraftId), inArray(missions.status, [...activeStatuses])));
  if (active.length > 0) {
    throw conflict({ code: "loan_aircraft_on_mission", field: "aircraftId", value: plane?.registration ?? aircraftId, expected: String(active[0]!.id) });
  }
}
