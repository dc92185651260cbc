import type { PgDatabase } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import type { Context } from "hono";

import type { Role } from "../auth/roles.js";
import type { Principal } from "../auth/tokens.js";
import { auditLog } from "../db/schema.js";
import type * as schema from "../db/schema.js";
import type { AppEnv } from "../http/context.js";

// The pool handle or a transaction: both run the same query builders.
export type Executor = PgDatabase<PostgresJsQueryResultHKT, typeof schema>;

// The author of a change, as the audit log records it.
export interface AuditActor {
  // "user:<id>", "token:<id>", "ADMIN_TOKEN" or "tracking".
  actor: string;
  actorName: string;
  actorRole: Role | null;
  requestId: string | null;
}

export interface AuditEntry extends AuditActor {
  // A lower-case verb such as create, update, delete, login, approve.
  action: string;
  objectKind: string;
  objectId: string | number;
  // The object as a client sees it, before and after; null where it did not
  // exist. Never pass secrets such as password hashes.
  before?: unknown;
  after?: unknown;
}

// Changes that live tracking makes without a person, such as mission status from positions.
export const trackingActor: AuditActor = { actor: "tracking", actorName: "tracking", actorRole: null, requestId: null };

export function actorIdOf(principal: Principal): string {
  if (principal.userId !== undefined) {
    return `user:${principal.userId}`;
  }
  if (principal.tokenId !== null) {
    return `token:${principal.tokenId}`;
  }
  return "ADMIN_TOKEN";
}

// The actor of the request in hand. Call it only on routes that need a token.
export function auditActorOf(c: Context<AppEnv>): AuditActor {
  const principal = c.get("principal");
  if (!principal) {
    throw new Error("auditActorOf called on a route without a principal");
  }
  return { actor: actorIdOf(principal), actorName: principal.name, actorRole: principal.role, requestId: c.get("requestId") ?? null };
}

// Writes one audit row. Pass the transaction that makes the change, so that
// the change and its audit row are committed together or not at all.
export async function auditInTransaction(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actor: entry.actor,
    actorName: entry.actorName,
    actorRole: entry.actorRole,
    action: entry.action,
    objectKind: entry.objectKind,
    objectId: String(entry.objectId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId,
  });
}
