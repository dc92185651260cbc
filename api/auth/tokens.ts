import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

import { and, eq, isNull, sql } from "drizzle-orm";

import type { Executor } from "../audit/log.js";
import type { Database } from "../db/client.js";
import { apiTokens } from "../db/schema.js";
import type { Role } from "./roles.js";
import { isSessionToken, resolveSession } from "./sessions/store.js";

export interface Principal {
  tokenId: number | null;
  // Set when the bearer is a login session (api/auth/sessions): its user and session.
  userId?: number;
  sessionId?: number;
  name: string;
  role: Role;
  city: string;
}

// Tokens are 32 random bytes; only their SHA-256 is stored, so a database
// dump does not give anyone a working token.
export function generateToken(): string {
  return `art_${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashToken(a), "hex"), Buffer.from(hashToken(b), "hex"));
}

// Resolves a bearer token to its principal, or null when it is unknown or revoked.
export async function verifyToken(db: Database["db"], token: string, adminToken: string | null): Promise<Principal | null> {
  if (adminToken && sameSecret(token, adminToken)) {
    return { tokenId: null, name: "ADMIN_TOKEN", role: "admin", city: "bayannur" };
  }
  // Login sessions resolve through the sessions table, so that the WebSocket
  // hub, which authenticates with this function, accepts them too.
  if (isSessionToken(token)) {
    const resolved = await resolveSession(db, token, new Date());
    return "principal" in resolved ? resolved.principal : null;
  }

  const row = await findAndTouchToken(db, hashToken(token));
  if (!row) {
    return null;
  }

  return { tokenId: row.id, name: row.name, role: row.role, city: row.city };
}

// Finds a live token by its hash and records its use in the same round
// trip. last_used_at is written at most once a minute per token, so a feed
// pushing every second does not turn each request into a row update.
async function findAndTouchToken(db: Database["db"], tokenHash: string) {
  const rows = await db.execute<{ id: number; name: string; role: Role; city: string }>(sql`
    WITH found AS (
      SELECT id, name, role, city, last_used_at FROM ${apiTokens}
      WHERE token_hash = ${tokenHash} AND revoked_at IS NULL
    ), touched AS (
      UPDATE ${apiTokens} SET last_used_at = now()
      FROM found
      WHERE ${apiTokens}.id = found.id
        AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
    )
    SELECT id, name, role, city FROM found`);
  return rows[0];
}

export async function createToken(db: Executor, input: { name: string; role: Role; city: string }) {
  const token = generateToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ ...input, tokenHash: hashToken(token) })
    .returning({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, city: apiTokens.city, createdAt: apiTokens.createdAt });
  return { ...row!, token };
}

export async function revokeToken(db: Executor, id: number): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
