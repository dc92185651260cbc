import { and, desc, eq, gte, inArray, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";

import type { Principal } from "../auth/tokens.js";
import { auditLog } from "../db/schema.js";
import type { Executor } from "./log.js";

// The object kind of mutual-aid audit rows, the only rows coordinators see.
export const mutualAidObjectKind = "mutual_aid_request";

export const listAuditQuery = z
  .object({
    objectKind: z.string().trim().min(1).max(60).optional(),
    objectId: z.string().trim().min(1).max(60).optional(),
    actor: z.string().trim().min(1).max(60).optional(),
    action: z.string().trim().min(1).max(40).optional(),
    // ISO 8601 with an offset, such as 2026-12-04T08:00:00Z; `from` is inclusive, `to` exclusive.
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export type ListAuditQuery = z.infer<typeof listAuditQuery>;

// Dispatchers read the history of what they work on.
export const dispatchObjectKinds = ["incident", "mission", "alert", "restricted_area"] as const;

// Accounts and credentials: only admins read their history.
export const accountObjectKinds = ["user", "token", "session", "city"] as const;

// The rows each role may read: admins all; planners all but accounts; dispatchers
// their incidents, missions, alerts and restricted areas; coordinators only
// mutual-aid rows of requests that involve their city.
function visibleTo(principal: Principal): SQL | undefined {
  switch (principal.role) {
    case "admin":
      return undefined;
    case "planner":
      return notInArray(auditLog.objectKind, [...accountObjectKinds]);
    case "dispatcher":
      return inArray(auditLog.objectKind, [...dispatchObjectKinds]);
    case "coordinator":
      return mutualAidRowsOf(principal.city);
    default:
      return sql`false`;
  }
}

function mutualAidRowsOf(city: string): SQL | undefined {
  const state = sql`COALESCE(${auditLog.after}, ${auditLog.before})`;
  return and(
    eq(auditLog.objectKind, mutualAidObjectKind),
    or(sql`${state}->>'requestingCity' = ${city}`, sql`${state}->>'lendingCity' = ${city}`),
  );
}

// Lists audit rows, newest first.
export async function listAudit(db: Executor, principal: Principal, query: ListAuditQuery) {
  const where = and(
    visibleTo(principal),
    query.objectKind ? eq(auditLog.objectKind, query.objectKind) : undefined,
    query.objectId ? eq(auditLog.objectId, query.objectId) : undefined,
    query.actor ? eq(auditLog.actor, query.actor) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.from ? gte(auditLog.at, new Date(query.from)) : undefined,
    query.to ? lt(auditLog.at, new Date(query.to)) : undefined,
  );

  const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(query.limit).offset(query.offset);
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
  return { rows, total: counted?.total ?? 0 };
}

export function presentAuditRow(row: typeof auditLog.$inferSelect) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    objectKind: row.objectKind,
    objectId: row.objectId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
  };
}
