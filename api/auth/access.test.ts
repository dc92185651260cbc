import { beforeAll, describe, expect, it } from "vitest";

import { roles } from "./roles.js";
import { testAdminToken, testApp } from "../test/app.js";
import { baseFeature } from "../test/factories.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
});

// Replaces route parameters with values that exist or are well formed, so
// that a 401/403 can only come from the access check and no
// request deletes or revokes a record the other tests use.
function concretePath(path: string): string {
  return path.replace(":id", "999999");
}

function bodyFor(method: string): unknown {
  return method === "GET" || method === "DELETE" ? undefined : {};
}

describe("route access table", () => {
  it("covers every registered route", () => {
    expect(t.routes.length).toBeGreaterThan(30);
    for (const route of t.routes) {
      expect(route.access, `${route.method} ${route.path}`).toBeDefined();
    }
  });

  it("rejects requests without a token", async () => {
    for (const route of t.routes.filter((r) => r.access !== "public")) {
      const res = await t.call(route.method, concretePath(route.path), { token: null, body: bodyFor(route.method) });
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
      expect(res.json.error.code).toBe("missing_token");
    }
  });

  it("rejects a bad token", async () => {
    for (const route of t.routes.filter((r) => r.access !== "public")) {
      const res = await t.call(route.method, concretePath(route.path), { token: "art_not-a-real-token", body: bodyFor(route.method) });
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
      expect(res.json.error.code).toBe("invalid_token");
    }
  });

  it("rejects roles a route does not accept", async () => {
    let checked = 0;
    for (const route of t.routes) {
      if (route.access === "public" || route.access === "any") {
        continue;
      }
      for (const role of roles.filter((r) => !(route.access as readonly string[]).includes(r))) {
        const res = await t.call(route.method, concretePath(route.path), { token: t.tokens[role], body: bodyFor(route.method) });
        expect(res.status, `${role} ${route.method} ${route.path}`).toBe(403);
        expect(res.json.error.code).toBe("forbidden_role");
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("lets accepted roles past the access check", async () => {
    for (const route of t.routes.filter((r) => r.access !== "public")) {
      const allowed = route.access === "any" ? roles : (route.access as readonly (typeof roles)[number][]);
      for (const role of allowed) {
        const res = await t.call(route.method, concretePath(route.path), { token: t.tokens[role], body: bodyFor(route.method) });
        expect([401, 403], `${role} ${route.method} ${route.path}`).not.toContain(res.status);
      }
    }
  });
});

describe("tokens", () => {
  it("accepts ADMIN_TOKEN as admin", async () => {
    const res = await t.call("POST", "/api/v1/bases", { token: testAdminToken, body: baseFeature({ code: "ADMIN-ENV" }) });
    expect(res.status).toBe(201);
  });

  it("lets any valid token read", async () => {
    const res = await t.call("GET", "/api/v1/bases", { token: t.tokens.viewer });
    expect(res.status).toBe(200);
  });

  it("forbids a viewer to write", async () => {
    const res = await t.call("POST", "/api/v1/bases", { token: t.tokens.viewer, body: baseFeature({ code: "VIEWER" }), language: "en" });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toContain("admin | planner");
  });

  it("stores only the token hash", async () => {
    const created = await t.call("POST", "/api/v1/tokens", { body: { name: "feed", role: "dispatcher" } });
    expect(created.status).toBe(201);
    const rows = await t.database.sql`SELECT token_hash FROM api_tokens WHERE id = ${created.json.id}`;
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.token_hash).not.toContain(created.json.token);
  });

  it("rejects a revoked token", async () => {
    const created = await t.call("POST", "/api/v1/tokens", { body: { name: "short-lived", role: "viewer" } });
    expect((await t.call("GET", "/api/v1/bases", { token: created.json.token })).status).toBe(200);

    expect((await t.call("DELETE", `/api/v1/tokens/${created.json.id}`)).status).toBe(204);
    const res = await t.call("GET", "/api/v1/bases", { token: created.json.token });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("invalid_token");
  });

  it("never lists token secrets", async () => {
    const res = await t.call("GET", "/api/v1/tokens");
    expect(res.status).toBe(200);
    for (const item of res.json.items) {
      expect(Object.keys(item)).not.toContain("token");
      expect(Object.keys(item)).not.toContain("tokenHash");
    }
  });
});
