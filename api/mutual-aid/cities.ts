import { asc, eq, sql } from "drizzle-orm";

import { auditActorOf, auditInTransaction, type Executor } from "../audit/log.js";
import { adminOnly } from "../auth/roles.js";
import { assertCityWrite, homeCity } from "../auth/users/city-scope.js";
import { cities } from "../db/schema.js";
import type { AppDeps } from "../http/context.js";
import { conflict, notFound, unprocessable } from "../http/errors.js";
import { readJson, type Router } from "../http/router.js";
import { parseOrThrow } from "../http/validation.js";
import { createCityBody, updateCityBody } from "./schema.js";

type CityRow = typeof cities.$inferSelect;

function presentCity(row: CityRow) {
  return { code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, home: row.home, active: row.active };
}

export async function getCity(db: Executor, code: string, field = "city"): Promise<CityRow> {
  const rows = await db.select().from(cities).where(eq(cities.code, code));
  if (!rows[0]) {
    throw unprocessable({ code: "reference_not_found", field, value: code });
  }
  return rows[0];
}

// Only admins of the home city change the list of partner cities.
export function registerCityRoutes(router: Router, deps: AppDeps): void {
  const db = deps.database.db;
  const tag = "cities";

  router.add({ method: "GET", path: "/api/v1/cities", access: "any", summary: "List the home city and its partner cities", tag }, async (c) => {
    const rows = await db.select().from(cities).orderBy(sql`${cities.home} DESC`, asc(cities.code));
    return c.json({ items: rows.map(presentCity) });
  });

  router.add({ method: "POST", path: "/api/v1/cities", access: adminOnly, summary: "Add a partner city", tag, body: createCityBody }, async (c) => {
    const body = parseOrThrow(createCityBody, await readJson(c));
    assertCityWrite(c.get("principal"), homeCity, "Authorization");

    const row = await db.transaction(async (tx) => {
      const [inserted] = await tx.insert(cities).values(body).onConflictDoNothing().returning();
      if (!inserted) {
        throw conflict({ code: "duplicate_value", field: "code", value: body.code });
      }
      await auditInTransaction(tx, { ...auditActorOf(c), action: "create", objectKind: "city", objectId: inserted.code, after: presentCity(inserted) });
      return inserted;
    });
    deps.logger.info({ city: row.code, by: c.get("principal")?.name }, "city added");
    return c.json(presentCity(row), 201);
  });

  router.add({ method: "PATCH", path: "/api/v1/cities/:code", access: adminOnly, summary: "Rename a city or (de)activate a partner", tag, body: updateCityBody }, async (c) => {
    const code = c.req.param("code")!;
    const body = parseOrThrow(updateCityBody, await readJson(c));
    assertCityWrite(c.get("principal"), homeCity, "Authorization");

    const row = await db.transaction(async (tx) => {
      const [before] = await tx.select().from(cities).where(eq(cities.code, code)).for("update");
      if (!before) {
        throw notFound("code", code);
      }
      const [after] = await tx.update(cities).set({ ...body, updatedAt: sql`now()` }).where(eq(cities.code, code)).returning();
      await auditInTransaction(tx, { ...auditActorOf(c), action: "update", objectKind: "city", objectId: code, before: presentCity(before), after: presentCity(after!) });
      return after!;
    });
    deps.logger.info({ city: code, by: c.get("principal")?.name }, "city updated");
    return c.json(presentCity(row));
  });
}
