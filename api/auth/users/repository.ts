import { asc, eq, sql } from "drizzle-orm";

import { auditInTransaction, type AuditActor, type Executor } from "../../audit/log.js";
import { users } from "../../db/schema.js";
import { ApiError, conflict, notFound, unprocessable } from "../../http/errors.js";
import type { Principal } from "../tokens.js";
import { revokeUserSessions } from "../sessions/store.js";
import { assertCityWrite } from "./city-scope.js";
import { hashPassword } from "./passwords.js";
import { presentUser, userSelection, type UserRow } from "./presenter.js";
import type { CreateUser, UpdateUser } from "./schema.js";

interface PgError {
  code?: string;
  constraint_name?: string;
}

// Turns the username and city constraints into errors that name the field.
function translateDatabaseError(error: unknown, input: { username?: string; city?: string }): never {
  // drizzle wraps the driver's error; the PostgreSQL fields are on its cause.
  const pg = ((error as { cause?: unknown }).cause ?? error) as PgError;
  if (pg.code === "23505" && pg.constraint_name === "users_username_key") {
    throw conflict({ code: "duplicate_value", field: "username", value: input.username });
  }
  if (pg.code === "23503" && pg.constraint_name === "users_city_cities_code_fk") {
    throw unprocessable({ code: "reference_not_found", field: "city", value: input.city });
  }
  throw error;
}

// An admin must not lock themselves out: no deleting, disabling or demoting the account in use.
function assertNotSelfLockout(principal: Principal, id: number, change: { delete?: boolean; disabled?: boolean; role?: string }): void {
  if (principal.userId !== id) {
    return;
  }
  if (change.delete || change.disabled === true || (change.role !== undefined && change.role !== "admin")) {
    throw conflict({ code: "self_lockout", field: "id", value: id });
  }
}

export async function listUsers(db: Executor, options: { city?: string; limit: number; offset: number }) {
  const where = options.city ? eq(users.city, options.city) : undefined;
  const rows = await db.select(userSelection).from(users).where(where).orderBy(asc(users.username)).limit(options.limit).offset(options.offset);
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(users).where(where);
  return { rows: rows as UserRow[], total: counted?.total ?? 0 };
}

export async function getUser(db: Executor, id: number): Promise<UserRow> {
  const rows = await db.select(userSelection).from(users).where(eq(users.id, id));
  if (!rows[0]) {
    throw notFound("id", id);
  }
  return rows[0] as UserRow;
}

// Locks the row until the transaction ends, so that two admins' changes to one user do not interleave.
async function lockUser(tx: Executor, id: number): Promise<UserRow> {
  const rows = await tx.select(userSelection).from(users).where(eq(users.id, id)).for("update");
  if (!rows[0]) {
    throw notFound("id", id);
  }
  return rows[0] as UserRow;
}

// The row a login checks, with its password hash; null for an unknown username.
export async function findUserForLogin(db: Executor, username: string) {
  const rows = await db.select({ ...userSelection, passwordHash: users.passwordHash }).from(users).where(eq(users.username, username));
  return rows[0] ?? null;
}

export async function createUser(db: Executor, principal: Principal, actor: AuditActor, input: CreateUser): Promise<UserRow> {
  assertCityWrite(principal, input.city);
  const { password, ...fields } = input;
  const passwordHash = await hashPassword(password);

  try {
    return await db.transaction(async (tx) => {
      const [row] = (await tx.insert(users).values({ ...fields, passwordHash }).returning(userSelection)) as UserRow[];
      await auditInTransaction(tx, { ...actor, action: "create", objectKind: "user", objectId: row!.id, after: presentUser(row!) });
      return row!;
    });
  } catch (error) {
    if (error instanceof ApiError) {
      throw error;
    }
    translateDatabaseError(error, input);
  }
}

// Applies a change; a new password or disabling ends the user's open sessions.
export async function updateUser(db: Executor, principal: Principal, actor: AuditActor, id: number, input: UpdateUser): Promise<UserRow> {
  const { password, ...fields } = input;
  const passwordHash = password === undefined ? undefined : await hashPassword(password);

  try {
    return await db.transaction(async (tx) => {
      const before = await lockUser(tx, id);
      assertCityWrite(principal, before.city);
      assertCityWrite(principal, input.city);
      assertNotSelfLockout(principal, id, input);

      const [after] = (await tx
        .update(users)
        .set({ ...fields, ...(passwordHash ? { passwordHash } : {}), updatedAt: sql`now()` })
        .where(eq(users.id, id))
        .returning(userSelection)) as UserRow[];
      if (passwordHash || input.disabled === true) {
        await revokeUserSessions(tx, id);
      }

      // The audit row notes that the password changed, never the hash.
      const afterAudit = { ...presentUser(after!), ...(passwordHash ? { passwordChanged: true } : {}) };
      await auditInTransaction(tx, { ...actor, action: "update", objectKind: "user", objectId: id, before: presentUser(before), after: afterAudit });
      return after!;
    });
  } catch (error) {
    if (error instanceof ApiError) {
      throw error;
    }
    translateDatabaseError(error, input);
  }
}

export async function deleteUser(db: Executor, principal: Principal, actor: AuditActor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockUser(tx, id);
    assertCityWrite(principal, before.city);
    assertNotSelfLockout(principal, id, { delete: true });

    await tx.delete(users).where(eq(users.id, id));
    await auditInTransaction(tx, { ...actor, action: "delete", objectKind: "user", objectId: id, before: presentUser(before) });
  });
}
