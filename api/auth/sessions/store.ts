import { randomBytes } from "node:crypto";

import { and, eq, isNull, lt, or } from "drizzle-orm";

import type { Executor } from "../../audit/log.js";
import { sessions, users } from "../../db/schema.js";
import type { Principal } from "../tokens.js";
import { hashToken } from "../tokens.js";

// Session tokens carry their own prefix so that the resolver looks in one
// table only; API tokens start with "art_".
const sessionPrefix = "ars_";

export const defaultSessionTtlMs = 12 * 60 * 60 * 1000;

export type SessionResolution = { principal: Principal } | { failure: "invalid_token" | "session_expired" };

export function isSessionToken(token: string): boolean {
  return token.startsWith(sessionPrefix);
}

// Reads SESSION_TTL_MIN (whole minutes, 1 to 43200 = 30 days); unset means 12 h.
export function sessionTtlMsFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.SESSION_TTL_MIN;
  if (raw === undefined || raw === "") {
    return defaultSessionTtlMs;
  }
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 43_200) {
    throw new Error(`SESSION_TTL_MIN must be a whole number of minutes from 1 to 43200, got "${raw}"`);
  }
  return minutes * 60_000;
}

// Sessions that ended longer ago than this are deleted at the user's next
// login; the audit log keeps their login and logout rows.
const endedSessionRetentionMs = 30 * 24 * 60 * 60 * 1000;

// Opens a session for a user. The expiry is fixed at login: use does not
// extend it, so a stolen token works at most ttlMs.
export async function createSession(tx: Executor, input: { userId: number; ttlMs: number; now: Date; clientAddress: string | null }) {
  const cutoff = new Date(input.now.getTime() - endedSessionRetentionMs);
  await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, input.userId), or(lt(sessions.expiresAt, cutoff), lt(sessions.revokedAt, cutoff))));

  const token = `${sessionPrefix}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);
  const [row] = await tx
    .insert(sessions)
    .values({ userId: input.userId, tokenHash: hashToken(token), createdAt: input.now, expiresAt, clientAddress: input.clientAddress })
    .returning({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt });
  return { ...row!, token };
}

// Resolves a session token. An unknown token is invalid. A known one that
// expired, was logged out, or whose user is disabled counts as expired, so
// that a client knows to ask for the password again.
export async function resolveSession(db: Executor, token: string, now: Date): Promise<SessionResolution> {
  const rows = await db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      userId: users.id,
      username: users.username,
      role: users.role,
      city: users.city,
      disabled: users.disabled,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(token)));
  const row = rows[0];
  if (!row) {
    return { failure: "invalid_token" };
  }
  if (row.revokedAt || row.disabled || row.expiresAt.getTime() <= now.getTime()) {
    return { failure: "session_expired" };
  }

  return {
    principal: { tokenId: null, userId: row.userId, sessionId: row.sessionId, name: row.username, role: row.role, city: row.city },
  };
}

export async function revokeSession(tx: Executor, sessionId: number): Promise<boolean> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

// Ends every open session of a user, after a password change or when the user is disabled.
export async function revokeUserSessions(tx: Executor, userId: number): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
