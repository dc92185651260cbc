import type { IncomingMessage } from "node:http";

import type { Context } from "hono";

import { actorIdOf, auditActorOf, auditInTransaction } from "../../audit/log.js";
import type { AppDeps, AppEnv } from "../../http/context.js";
import { ApiError } from "../../http/errors.js";
import { readJson, type Router } from "../../http/router.js";
import { presentUser } from "../users/presenter.js";
import { parseWithPassword } from "../users/schema.js";
import { getUser } from "../users/repository.js";
import { LoginRateLimited, logIn } from "./login.js";
import { defaultLoginLimits, FailureCounter, type FailureLimits } from "./rate-limit.js";
import { loginBody } from "./schema.js";
import { revokeSession, sessionTtlMsFrom } from "./store.js";

export interface SessionOptions {
  ttlMs: number;
  loginLimits: FailureLimits;
  // Take the client address from the last X-Forwarded-For entry, which only
  // a reverse proxy in front of the API may set (TRUST_PROXY=1).
  trustForwardedFor: boolean;
}

export function sessionOptionsFrom(env: NodeJS.ProcessEnv): SessionOptions {
  return { ttlMs: sessionTtlMsFrom(env), loginLimits: defaultLoginLimits, trustForwardedFor: env.TRUST_PROXY === "1" };
}

// The peer address of the HTTP connection; null for in-memory requests (tests).
function clientAddress(c: Context<AppEnv>, trustForwardedFor: boolean): string | null {
  if (trustForwardedFor) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) {
      return forwarded;
    }
  }
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket.remoteAddress ?? null;
}

export function registerSessionRoutes(router: Router, deps: AppDeps, options: SessionOptions = sessionOptionsFrom(process.env)): void {
  const db = deps.database.db;
  const failures = new FailureCounter(options.loginLimits);
  const tag = "sessions";

  router.add(
    { method: "POST", path: "/api/v1/auth/login", access: "public", summary: "Log in with username and password; returns a session token", tag, body: loginBody },
    async (c) => {
      const body = parseWithPassword(loginBody, await readJson(c));
      const attempt = { ...body, clientAddress: clientAddress(c, options.trustForwardedFor), requestId: c.get("requestId"), now: new Date() };
      try {
        return c.json(await logIn(db, failures, deps.logger, attempt, options.ttlMs), 201);
      } catch (error) {
        if (error instanceof LoginRateLimited) {
          c.header("Retry-After", String(error.retryAfterS));
          throw new ApiError(429, { code: "too_many_attempts", field: "username", params: { retryAfterS: error.retryAfterS } });
        }
        throw error;
      }
    },
  );

  router.add({ method: "POST", path: "/api/v1/auth/logout", access: "any", summary: "End the session whose token made this request", tag }, async (c) => {
    const principal = c.get("principal")!;
    if (principal.sessionId === undefined) {
      throw new ApiError(400, { code: "not_a_session", field: "Authorization", expected: "a session token from POST /api/v1/auth/login" });
    }

    await db.transaction(async (tx) => {
      await revokeSession(tx, principal.sessionId!);
      await auditInTransaction(tx, { ...auditActorOf(c), action: "logout", objectKind: "session", objectId: principal.sessionId! });
    });
    deps.logger.info({ userId: principal.userId, sessionId: principal.sessionId }, "logout");
    return c.body(null, 204);
  });

  router.add({ method: "GET", path: "/api/v1/auth/me", access: "any", summary: "Who the bearer token belongs to", tag }, async (c) => {
    const principal = c.get("principal")!;
    const user = principal.userId === undefined ? null : presentUser(await getUser(db, principal.userId));
    return c.json({ actor: actorIdOf(principal), name: principal.name, role: principal.role, city: principal.city, user });
  });
}
