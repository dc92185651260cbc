import { desc } from "drizzle-orm";
import { z } from "zod";

import { auditActorOf, auditInTransaction } from "../audit/log.js";
import { apiTokens } from "../db/schema.js";
import { ApiError, notFound } from "../http/errors.js";
import type { AppDeps } from "../http/context.js";
import { readJson, type Router } from "../http/router.js";
import { parseOrThrow } from "../http/validation.js";
import { cities } from "../assets/kinds.js";
import { adminOnly, roles } from "./roles.js";
import { createToken, revokeToken } from "./tokens.js";

const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    role: z.enum(roles),
    city: z.enum(cities).default("bayannur"),
  })
  .strict();

export function registerTokenRoutes(router: Router, deps: AppDeps): void {
  const db = deps.database.db;
  const tag = "tokens";

  router.add({ method: "GET", path: "/api/v1/tokens", access: adminOnly, summary: "List API tokens (never their secrets)", tag }, async (c) => {
    const rows = await db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        role: apiTokens.role,
        city: apiTokens.city,
        createdAt: apiTokens.createdAt,
        // Updated at most once a minute (api/auth/tokens.ts).
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .orderBy(desc(apiTokens.id));
    return c.json({ items: rows });
  });

  router.add(
    { method: "POST", path: "/api/v1/tokens", access: adminOnly, summary: "Create an API token; the secret is returned once", tag, body: createTokenBody },
    async (c) => {
      const input = parseOrThrow(createTokenBody, await readJson(c));
      // The audit row records the token's name, role and city, never its secret.
      const created = await db.transaction(async (tx) => {
        const row = await createToken(tx, input);
        const { token: _secret, ...after } = row;
        await auditInTransaction(tx, { ...auditActorOf(c), action: "create", objectKind: "token", objectId: row.id, after });
        return row;
      });
      deps.logger.info({ tokenId: created.id, role: created.role, by: c.get("principal")?.name }, "token created");
      return c.json(created, 201);
    },
  );

  router.add({ method: "DELETE", path: "/api/v1/tokens/:id", access: adminOnly, summary: "Revoke an API token", tag }, async (c) => {
    const raw = c.req.param("id")!;
    if (!/^[1-9][0-9]{0,9}$/.test(raw)) {
      throw new ApiError(400, { code: "invalid_query", field: "id", value: raw, expected: "a positive integer" });
    }
    await db.transaction(async (tx) => {
      if (!(await revokeToken(tx, Number(raw)))) {
        throw notFound("id", raw);
      }
      await auditInTransaction(tx, { ...auditActorOf(c), action: "revoke", objectKind: "token", objectId: Number(raw) });
    });
    deps.logger.info({ tokenId: Number(raw), by: c.get("principal")?.name }, "token revoked");
    return c.body(null, 204);
  });
}
