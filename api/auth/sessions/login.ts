import { auditInTransaction, type Executor } from "../../audit/log.js";
import { ApiError } from "../../http/errors.js";
import type { Logger } from "../../logger.js";
import { verifyPassword } from "../users/passwords.js";
import { presentUser } from "../users/presenter.js";
import { findUserForLogin } from "../users/repository.js";
import type { FailureCounter } from "./rate-limit.js";
import { createSession } from "./store.js";

export interface LoginAttempt {
  username: string;
  password: string;
  clientAddress: string | null;
  requestId: string | null;
  now: Date;
}

// Thrown when the username or the address failed too often; the route sets Retry-After.
export class LoginRateLimited extends Error {
  constructor(readonly retryAfterS: number) {
    super(`login rate-limited for ${retryAfterS} s`);
  }
}

// Checks the password and opens a session, writing the login to the audit
// log. Failures count against both the username and the client address.
// A success clears only the username's count, so that logging in to one's
// own account does not reset an address that is guessing others. Each
// attempt counts as a failure from the start, so that parallel attempts
// cannot all pass the check while the password hashes are compared.
export async function logIn(db: Executor, failures: FailureCounter, logger: Logger, attempt: LoginAttempt, ttlMs: number) {
  const keys = [`username:${attempt.username}`, `address:${attempt.clientAddress ?? "unknown"}`];
  const nowMs = attempt.now.getTime();
  const retryAfterS = Math.max(...keys.map((key) => failures.retryAfterS(key, nowMs)));
  if (retryAfterS > 0) {
    logger.warn({ username: attempt.username, clientAddress: attempt.clientAddress, retryAfterS }, "login rate-limited");
    throw new LoginRateLimited(retryAfterS);
  }

  for (const key of keys) {
    failures.recordFailure(key, nowMs);
  }

  const user = await findUserForLogin(db, attempt.username);
  const passwordMatches = await verifyPassword(user?.passwordHash ?? null, attempt.password);
  if (!user || !passwordMatches || user.disabled) {
    let reason = "wrong password";
    if (!user) {
      reason = "unknown username";
    } else if (user.disabled) {
      reason = "user disabled";
    }
    logger.warn({ username: attempt.username, clientAddress: attempt.clientAddress, reason }, "login failed");
    throw new ApiError(401, { code: "invalid_credentials", field: "password" });
  }
  failures.clear(keys[0]!);
  failures.forgive(keys[1]!, nowMs);

  const session = await db.transaction(async (tx) => {
    const created = await createSession(tx, { userId: user.id, ttlMs, now: attempt.now, clientAddress: attempt.clientAddress });
    await auditInTransaction(tx, {
      actor: `user:${user.id}`,
      actorName: user.username,
      actorRole: user.role,
      requestId: attempt.requestId,
      action: "login",
      objectKind: "session",
      objectId: created.id,
      after: { expiresAt: created.expiresAt.toISOString(), clientAddress: attempt.clientAddress },
    });
    return created;
  });
  logger.info({ userId: user.id, sessionId: session.id, clientAddress: attempt.clientAddress }, "login");

  return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: presentUser(user) };
}
