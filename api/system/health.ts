import { sql } from "drizzle-orm";

import type { AppDeps } from "../http/context.js";
import type { Router } from "../http/router.js";

async function probeDatabase(deps: AppDeps) {
  const started = performance.now();
  try {
    const rows = await deps.database.db.execute<{ postgis: string }>(sql`SELECT postgis_lib_version() AS postgis`);
    return { reachable: true, postgis: rows[0]?.postgis ?? null, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    deps.logger.warn({ err: error }, "health check could not reach the database");
    return { reachable: false, postgis: null, latencyMs: null };
  }
}

export function registerHealthRoutes(router: Router, deps: AppDeps): void {
  router.add({ method: "GET", path: "/api/v1/health", access: "public", summary: "Service and database state", tag: "system" }, async (c) => {
    const database = await probeDatabase(deps);
    const status = database.reachable ? "ok" : "degraded";
    return c.json({ status, time: new Date().toISOString(), database }, database.reachable ? 200 : 503);
  });
}
