import type { Database } from "../../db/client.js";
import { sameSecret, verifyToken } from "../tokens.js";
import { isSessionToken, resolveSession, type SessionResolution } from "./store.js";

// Resolves a bearer token to a principal: ADMIN_TOKEN, a login session or an
// API token, in that order. Unlike verifyToken it returns why a token failed,
// so that the router can answer an expired session with its own code.
export async function resolvePrincipal(db: Database["db"], token: string, adminToken: string | null): Promise<SessionResolution> {
  const isAdminToken = adminToken !== null && sameSecret(token, adminToken);
  if (isSessionToken(token) && !isAdminToken) {
    return resolveSession(db, token, new Date());
  }

  const principal = await verifyToken(db, token, adminToken);
  return principal ? { principal } : { failure: "invalid_token" };
}
