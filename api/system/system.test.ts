import { describe, expect, it } from "vitest";

import { runMigrations } from "../db/migrate.js";
import { testApp } from "../test/app.js";

const t = await testApp();

describe("health", () => {
  it("reports the database and PostGIS", async () => {
    const res = await t.call("GET", "/api/v1/health", { token: null });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("ok");
    expect(res.json.database.reachable).toBe(true);
    expect(res.json.database.postgis).toMatch(/^3\./);
  });
});

describe("migrations", () => {
  it("apply twice without change", async () => {
    const before = await t.database.sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
    await runMigrations(t.database.url);
    await runMigrations(t.database.url);
    const after = await t.database.sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(before[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it("create spatial indexes", async () => {
    const rows = await t.database.sql`SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gist%' ORDER BY indexname`;
    expect(rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining(["bases_location_gist", "positions_location_gist", "risk_areas_area_gist", "patrol_routes_path_gist"]),
    );
  });

  it("summarize new position ranges as they fill", async () => {
    const rows = await t.database.sql`SELECT reloptions FROM pg_class WHERE relname = 'positions_time_brin'`;
    expect(rows[0]!.reloptions).toEqual(["autosummarize=on"]);
  });
});

describe("OpenAPI document", () => {
  it("lists every route with its roles", async () => {
    const res = await t.call("GET", "/api/v1/openapi.json", { token: null });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    for (const route of t.routes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, "{$1}");
      expect(res.json.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    }
    expect(res.json.paths["/api/v1/bases"].post["x-roles"]).toEqual(["admin", "planner"]);
  });
});

describe("unknown paths", () => {
  it("return a coded 404", async () => {
    const res = await t.call("GET", "/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
  });
});
