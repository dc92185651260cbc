import { sql, type SQL } from "drizzle-orm";

import type { Geometry } from "../../assets/geometry.js";
import { assertValidPolygon } from "../../assets/polygon-validity.js";
import { auditInTransaction, type AuditActor } from "../../audit/log.js";
import type { Database } from "../../db/client.js";
import { notFound } from "../../http/errors.js";
import type { CreateRestrictedArea, UpdateRestrictedArea } from "./schema.js";

type Db = Database["db"];

export interface RestrictedAreaRow {
  id: number;
  nameZh: string;
  nameEn: string | null;
  geometry: unknown;
  activeFromMs: number;
  activeUntilMs: number | null;
  notes: string | null;
  createdBy: string;
}

const areaSelect = sql`
  SELECT id, name_zh AS "nameZh", name_en AS "nameEn", ST_AsGeoJSON(area, 7)::json AS geometry,
         (extract(epoch FROM active_from) * 1000)::float8 AS "activeFromMs",
         (extract(epoch FROM active_until) * 1000)::float8 AS "activeUntilMs", notes, created_by AS "createdBy"
  FROM restricted_areas`;

function areaValue(geometry: Geometry): SQL {
  return sql`ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)))`;
}

export async function getRestrictedArea(db: Db, id: number): Promise<RestrictedAreaRow> {
  const rows = await db.execute<RestrictedAreaRow & Record<string, unknown>>(sql`${areaSelect} WHERE id = ${id}`);
  if (!rows[0]) {
    throw notFound("id", id);
  }
  return rows[0];
}

export async function listRestrictedAreas(db: Db): Promise<RestrictedAreaRow[]> {
  const rows = await db.execute<RestrictedAreaRow & Record<string, unknown>>(sql`${areaSelect} ORDER BY id`);
  return [...rows];
}

// Each write below runs in one transaction with its audit row, whose
// before and after are the area as getRestrictedArea returns it.
export async function createRestrictedArea(db: Db, input: CreateRestrictedArea, audit: AuditActor): Promise<number> {
  const geometry = input.geometry as Geometry;
  await assertValidPolygon(db, geometry);
  const activeFrom = input.activeFrom ? sql`${input.activeFrom}::timestamptz` : sql`now()`;

  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: number }>(sql`
      INSERT INTO restricted_areas (name_zh, name_en, area, active_from, active_until, notes, created_by)
      VALUES (${input.nameZh}, ${input.nameEn ?? null}, ${areaValue(geometry)}, ${activeFrom}, ${input.activeUntil ?? null}::timestamptz,
              ${input.notes ?? null}, ${audit.actorName})
      RETURNING id`);
    const id = rows[0]!.id;
    const after = await getRestrictedArea(tx as unknown as Db, id);
    await auditInTransaction(tx, { ...audit, action: "create", objectKind: "restricted_area", objectId: id, after });
    return id;
  });
}

export async function updateRestrictedArea(db: Db, id: number, input: UpdateRestrictedArea, audit: AuditActor): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`];
  if (input.nameZh !== undefined) {
    sets.push(sql`name_zh = ${input.nameZh}`);
  }
  if (input.nameEn !== undefined) {
    sets.push(sql`name_en = ${input.nameEn}`);
  }
  if (input.notes !== undefined) {
    sets.push(sql`notes = ${input.notes}`);
  }
  if (input.activeFrom !== undefined) {
    sets.push(sql`active_from = ${input.activeFrom}::timestamptz`);
  }
  if (input.activeUntil !== undefined) {
    sets.push(sql`active_until = ${input.activeUntil}::timestamptz`);
  }
  if (input.geometry !== undefined) {
    await assertValidPolygon(db, input.geometry as Geometry);
    sets.push(sql`area = ${areaValue(input.geometry as Geometry)}`);
  }

  await db.transaction(async (tx) => {
    const before = await getRestrictedArea(tx as unknown as Db, id);
    await tx.execute(sql`UPDATE restricted_areas SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
    const after = await getRestrictedArea(tx as unknown as Db, id);
    await auditInTransaction(tx, { ...audit, action: "update", objectKind: "restricted_area", objectId: id, before, after });
  });
}

export async function deleteRestrictedArea(db: Db, id: number, audit: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getRestrictedArea(tx as unknown as Db, id);
    await tx.execute(sql`DELETE FROM restricted_areas WHERE id = ${id}`);
    await auditInTransaction(tx, { ...audit, action: "delete", objectKind: "restricted_area", objectId: id, before });
  });
}
