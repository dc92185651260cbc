import { desc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";

import type { Geometry } from "../../assets/geometry.js";
import { assertValidPolygon } from "../../assets/polygon-validity.js";
import { auditInTransaction, type AuditActor } from "../../audit/log.js";
import type { Database } from "../../db/client.js";
import { incidents } from "../../db/schema.js";
import { conflict, notFound } from "../../http/errors.js";
import { presentIncident } from "./presenter.js";
import type { CreateIncident, UpdateIncident } from "./schema.js";

type Db = Database["db"];

const { location: _location, area: _area, ...plainColumns } = getTableColumns(incidents);

// 7 decimals of a degree is about 1 cm: more would only carry noise.
const incidentSelection = {
  ...plainColumns,
  lonLat: sql<[number, number]>`json_build_array(ST_X(${incidents.location}), ST_Y(${incidents.location}))`,
  area: sql<Geometry | null>`ST_AsGeoJSON(${incidents.area}, 7)::json`,
};

export type IncidentRow = NonNullable<Awaited<ReturnType<typeof findIncident>>>;

// The point aircraft fly to is the point itself, or a point inside the polygon
// (ST_PointOnSurface, unlike the centroid, is inside a crescent-shaped front).
function geometryColumns(geometry: Geometry): { location: SQL; area: SQL | null } {
  const parsed = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`;
  if (geometry.type === "Point") {
    return { location: sql`ST_Force2D(${parsed})`, area: sql`NULL` };
  }
  const polygon = sql`ST_Force2D(${parsed})`;
  return { location: sql`ST_PointOnSurface(${polygon})`, area: polygon };
}

// Inserts an incident and its audit row in one transaction.
export async function createIncident(db: Db, input: CreateIncident, audit: AuditActor) {
  const geometry = input.geometry as Geometry;
  await assertValidPolygon(db, geometry);
  const { location, area } = geometryColumns(geometry);

  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(incidents)
      .values({
        kind: input.kind,
        priority: input.priority,
        reporter: input.reporter ?? null,
        notes: input.notes ?? null,
        reportedAt: new Date(input.reportedAt),
        location: location as unknown as string,
        area: area as unknown as string,
        createdBy: audit.actorName,
      })
      .returning(incidentSelection);
    await auditInTransaction(tx, { ...audit, action: "create", objectKind: "incident", objectId: rows[0]!.id, after: presentIncident(rows[0]!) });
    return rows[0]!;
  });
}

export async function findIncident(db: Db, id: number) {
  const rows = await db.select(incidentSelection).from(incidents).where(eq(incidents.id, id));
  return rows[0] ?? null;
}

export async function getIncident(db: Db, id: number) {
  const row = await findIncident(db, id);
  if (!row) {
    throw notFound("id", id);
  }
  return row;
}

export async function listIncidents(db: Db, options: { status?: "open" | "closed"; limit: number; offset: number }) {
  const where = options.status ? eq(incidents.status, options.status) : undefined;
  const rows = await db
    .select(incidentSelection)
    .from(incidents)
    .where(where)
    .orderBy(desc(incidents.reportedAt), desc(incidents.id))
    .limit(options.limit)
    .offset(options.offset);
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(incidents).where(where);
  return { rows, total: counted?.total ?? 0 };
}

// Updates the given fields of an open incident; a closed one is history and
// stays as it was. The audit row is written in the same transaction.
export async function updateIncident(db: Db, id: number, input: UpdateIncident, audit: AuditActor) {
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{ status: string }>(sql`SELECT status FROM incidents WHERE id = ${id} FOR UPDATE`);
    if (!locked[0]) {
      throw notFound("id", id);
    }
    if (locked[0].status === "closed") {
      throw conflict({ code: "incident_closed", field: "id", value: id });
    }
    const before = await findIncident(tx as unknown as Db, id);
    const after = await updateOpenIncident(tx as unknown as Db, id, input);
    await auditInTransaction(tx, { ...audit, action: "update", objectKind: "incident", objectId: id, before: before && presentIncident(before), after: presentIncident(after) });
    return after;
  });
}

async function updateOpenIncident(db: Db, id: number, input: UpdateIncident) {
  const values: Record<string, unknown> = { updatedAt: sql`now()` };
  for (const field of ["kind", "priority", "reporter", "notes"] as const) {
    if (input[field] !== undefined) {
      values[field] = input[field];
    }
  }
  if (input.reportedAt !== undefined) {
    values.reportedAt = new Date(input.reportedAt);
  }
  if (input.geometry !== undefined) {
    const geometry = input.geometry as Geometry;
    await assertValidPolygon(db, geometry);
    Object.assign(values, geometryColumns(geometry));
  }

  const rows = await db.update(incidents).set(values).where(eq(incidents.id, id)).returning(incidentSelection);
  return rows[0]!;
}

// Closes an incident. Its missions must have ended first, so that no aircraft
// is left flying for a closed incident.
export async function closeIncident(db: Db, id: number, notes: string | null | undefined, audit: AuditActor) {
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{ status: string }>(sql`SELECT status FROM incidents WHERE id = ${id} FOR UPDATE`);
    if (!locked[0]) {
      throw notFound("id", id);
    }
    if (locked[0].status === "closed") {
      throw conflict({ code: "incident_closed", field: "id", value: id });
    }
    const active = await tx.execute<{ id: number }>(sql`
      SELECT id FROM missions WHERE incident_id = ${id} AND status IN ('requested', 'dispatched', 'airborne', 'on_scene', 'returning')`);
    if (active.length > 0) {
      throw conflict({ code: "incident_has_active_missions", field: "id", value: id, expected: active.map((m) => m.id).join(", ") });
    }

    const before = await findIncident(tx as unknown as Db, id);
    const values: Record<string, unknown> = { status: "closed", closedAt: sql`now()`, closedBy: audit.actorName, updatedAt: sql`now()` };
    if (notes !== undefined) {
      values.notes = notes;
    }
    const rows = await tx.update(incidents).set(values).where(eq(incidents.id, id)).returning(incidentSelection);
    await auditInTransaction(tx, { ...audit, action: "close", objectKind: "incident", objectId: id, before: before && presentIncident(before), after: presentIncident(rows[0]!) });
    return rows[0]!;
  });
}
