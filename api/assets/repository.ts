import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

import { auditInTransaction, type AuditActor, type Executor } from "../audit/log.js";
import { ApiError, conflict, notFound, unprocessable } from "../http/errors.js";
import type { Geometry } from "./geometry.js";
import { assertValidPolygon } from "./polygon-validity.js";
import type { AssetKind } from "./kinds.js";

// The pool handle or a transaction, so that callers may write inside their own transaction.
type Db = Executor;
export type Row = Record<string, unknown> & { geometry?: unknown };
export type Bbox = [number, number, number, number];

// A write made for a request: the actor for its audit row, and a check of
// each state of the row the write touches (the routes pass the city rule).
// Without a context no audit row is written.
export interface AssetWriteContext {
  audit: AuditActor;
  assertWritable?: (row: Record<string, unknown>) => void;
}

function columnsOf(kind: AssetKind): Record<string, PgColumn> {
  const columns = getTableColumns(kind.table) as Record<string, PgColumn>;
  const geometryKey = geometryKeyOf(kind);
  if (geometryKey) {
    const { [geometryKey]: _omitted, ...rest } = columns;
    return rest;
  }
  return columns;
}

function geometryKeyOf(kind: AssetKind): string | null {
  if (!kind.geometry) {
    return null;
  }
  const columns = getTableColumns(kind.table) as Record<string, PgColumn>;
  return Object.keys(columns).find((key) => columns[key] === kind.geometry!.column) ?? null;
}

function selection(kind: AssetKind): Record<string, PgColumn | SQL> {
  if (!kind.geometry) {
    return columnsOf(kind);
  }
  // 7 decimals of a degree is about 1 cm: more would only carry noise.
  return { ...columnsOf(kind), geometry: sql`ST_AsGeoJSON(${kind.geometry.column}, 7)::json` };
}

// Builds the SQL for a validated GeoJSON geometry, as the column's stored type.
function geometryValue(kind: AssetKind, geometry: Geometry): SQL {
  const parsed = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`;
  return kind.geometry?.stored === "MultiPolygon" ? sql`ST_Multi(${parsed})` : parsed;
}

interface PgError {
  code?: string;
  constraint_name?: string;
  table_name?: string;
}

// Turns constraint violations into 409/422 errors that name the request field.
function translateDatabaseError(kind: AssetKind, error: unknown, input: Record<string, unknown>, operation: "write" | "delete"): never {
  // drizzle wraps the driver's error; the PostgreSQL fields are on its cause.
  const pg = ((error as { cause?: unknown }).cause ?? error) as PgError;
  const constraint = pg.constraint_name ?? "";

  if (pg.code === "23505" && kind.uniqueConstraints[constraint]) {
    const field = kind.uniqueConstraints[constraint]!;
    throw conflict({ code: "duplicate_value", field, value: input[field.replace(/^properties\./, "")] });
  }
  if (pg.code === "23503" && operation === "delete") {
    throw conflict({ code: "in_use", field: "id", value: input.id, expected: pg.table_name ?? "another record" });
  }
  if (pg.code === "23503" && kind.foreignKeys[constraint]) {
    const field = kind.foreignKeys[constraint]!;
    throw unprocessable({ code: "reference_not_found", field, value: input[field.replace(/^properties\./, "")] });
  }
  throw error;
}

export async function listAssets(db: Db, kind: AssetKind, options: { bbox: Bbox | null; limit: number; offset: number }) {
  const where =
    options.bbox && kind.geometry
      ? sql`${kind.geometry.column} && ST_MakeEnvelope(${options.bbox[0]}, ${options.bbox[1]}, ${options.bbox[2]}, ${options.bbox[3]}, 4326)`
      : undefined;

  const rows = (await db
    .select(selection(kind))
    .from(kind.table)
    .where(where)
    .orderBy(kind.idColumn)
    .limit(options.limit)
    .offset(options.offset)) as Row[];
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(kind.table).where(where);

  return { rows, total: counted?.total ?? 0 };
}

export async function getAsset(db: Db, kind: AssetKind, id: string | number): Promise<Row> {
  const rows = (await db.select(selection(kind)).from(kind.table).where(eq(kind.idColumn, id))) as Row[];
  if (!rows[0]) {
    throw notFound("id", id);
  }
  return rows[0];
}

// Locks the row until the transaction ends and returns it as clients see it.
async function lockAsset(tx: Db, kind: AssetKind, id: string | number): Promise<Row> {
  const rows = (await tx.select(selection(kind)).from(kind.table).where(eq(kind.idColumn, id)).for("update")) as Row[];
  if (!rows[0]) {
    throw notFound("id", id);
  }
  return rows[0];
}

// Each write runs in one transaction with its audit row: both are committed or neither.
export async function createAsset(
  db: Db,
  kind: AssetKind,
  properties: Record<string, unknown>,
  geometry: Geometry | null,
  context?: AssetWriteContext,
): Promise<Row> {
  context?.assertWritable?.(properties);
  const geometryKey = geometryKeyOf(kind);
  const values: Record<string, unknown> = { ...properties };

  return db.transaction(async (tx) => {
    if (geometryKey && geometry) {
      await assertValidPolygon(tx, geometry);
      values[geometryKey] = geometryValue(kind, geometry);
    }

    let row: Row;
    try {
      const rows = (await tx.insert(kind.table).values(values).returning(selection(kind))) as Row[];
      row = rows[0]!;
    } catch (error) {
      translateDatabaseError(kind, error, properties, "write");
    }
    if (context) {
      await auditInTransaction(tx, { ...context.audit, action: "create", objectKind: kind.path, objectId: row.id as string | number, after: row });
    }
    return row;
  });
}

export async function updateAsset(
  db: Db,
  kind: AssetKind,
  id: string | number,
  properties: Record<string, unknown>,
  geometry: Geometry | null,
  context?: AssetWriteContext,
): Promise<Row> {
  const geometryKey = geometryKeyOf(kind);
  const values: Record<string, unknown> = { ...properties, updatedAt: sql`now()` };

  return db.transaction(async (tx) => {
    const before = await lockAsset(tx, kind, id);
    context?.assertWritable?.(before);
    context?.assertWritable?.({ ...before, ...properties });
    if (geometryKey && geometry) {
      await assertValidPolygon(tx, geometry);
      values[geometryKey] = geometryValue(kind, geometry);
    }

    let rows: Row[];
    try {
      rows = (await tx.update(kind.table).set(values).where(eq(kind.idColumn, id)).returning(selection(kind))) as Row[];
    } catch (error) {
      translateDatabaseError(kind, error, properties, "write");
    }
    if (!rows[0]) {
      throw notFound("id", id);
    }
    if (context) {
      await auditInTransaction(tx, { ...context.audit, action: "update", objectKind: kind.path, objectId: id, before, after: rows[0] });
    }
    return rows[0];
  });
}

export async function deleteAsset(db: Db, kind: AssetKind, id: string | number, context?: AssetWriteContext): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockAsset(tx, kind, id);
    context?.assertWritable?.(before);

    try {
      await tx.delete(kind.table).where(and(eq(kind.idColumn, id)));
    } catch (error) {
      translateDatabaseError(kind, error, { id }, "delete");
    }
    if (context) {
      await auditInTransaction(tx, { ...context.audit, action: "delete", objectKind: kind.path, objectId: id, before });
    }
  });
}

export { ApiError };
