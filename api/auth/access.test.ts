import { beforeAll, describe, expect, it } from "vitest";

import { roles } from "./roles.js";
import { createToken } from "./tokens.js";
import { assetKinds } from "../assets/kinds.js";
import { testAdminToken, testApp } from "../test/app.js";
import { aircraftBody, aircraftTypeBody, baseFeature, landingPointFeature, waterSourceFeature } from "../test/factories.js";
import { createUserAndLogIn } from "./users/test-users.js";

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

// Ended login sessions, checked over the same route table as API tokens.
describe("route access with sessions", () => {
  async function endedSession(end: "expire" | "logout"): Promise<string> {
    const user = await createUserAndLogIn(t, { role: "admin" });
    if (end === "logout") {
      expect((await t.call("POST", "/api/v1/auth/logout", { token: user.token })).status).toBe(204);
    } else {
      await t.database.sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = ${user.id}`;
    }
    return user.token;
  }

  for (const end of ["expire", "logout"] as const) {
    it(`rejects a session after ${end} everywhere`, async () => {
      const token = await endedSession(end);
      for (const route of t.routes.filter((r) => r.access !== "public")) {
        const res = await t.call(route.method, concretePath(route.path), { token, body: bodyFor(route.method) });
        expect(res.status, `${route.method} ${route.path}`).toBe(401);
        expect(res.json.error.code).toBe("session_expired");
      }
    });
  }

  it("lets a live session past the access check", async () => {
    const user = await createUserAndLogIn(t, { role: "admin" });
    for (const route of t.routes.filter((r) => r.access !== "public" && r.access !== "any" && r.access.includes("admin"))) {
      const res = await t.call(route.method, concretePath(route.path), { token: user.token, body: bodyFor(route.method) });
      expect([401, 403], `${route.method} ${route.path}`).not.toContain(res.status);
    }
  });
});

// Valid bodies for each asset kind that has a city, in the given city.
// Codes and registrations are numbered, since they must be unique.
let serial = 0;
const cityAssetBodies: Record<string, (city: string) => unknown> = {
  bases: (city) => baseFeature({ code: `CITY-${++serial}`, city }),
  aircraft: (city) => aircraftBody({ registration: `B-8${String(++serial).padStart(3, "0")}`, icaoAddress: null, callsign: null, city }),
  "landing-points": (city) => landingPointFeature({ city }),
  "water-sources": (city) => waterSourceFeature({ city }),
};

describe("city scoping of asset writes", () => {
  const kindsWithCity = assetKinds.filter((kind) => "city" in kind.create.shape);
  let partnerPlanner: string;

  beforeAll(async () => {
    await t.call("POST", "/api/v1/aircraft-types", { body: aircraftTypeBody({ id: "city-scope-type" }) });
    partnerPlanner = (await createToken(t.database.db, { name: "baotou planner", role: "planner", city: "baotou" })).token;
  });

  function bodyIn(path: string, city: string): unknown {
    const body = cityAssetBodies[path]!(city) as Record<string, unknown>;
    return path === "aircraft" ? { ...body, typeId: "city-scope-type" } : body;
  }

  it("has a body for every kind with a city", () => {
    expect(Object.keys(cityAssetBodies).sort()).toEqual(kindsWithCity.map((kind) => kind.path).sort());
  });

  it("rejects writes to another city on every route", async () => {
    for (const kind of kindsWithCity) {
      const created = await t.call("POST", `/api/v1/${kind.path}`, { body: bodyIn(kind.path, "bayannur") });
      expect(created.status, kind.path).toBe(201);
      const id = created.json.id;
      const attempts = [
        ["POST", `/api/v1/${kind.path}`, bodyIn(kind.path, "bayannur")],
        ["PATCH", `/api/v1/${kind.path}/${id}`, kind.geometry ? { type: "Feature", properties: { nameZh: "越权" } } : { notes: "越权" }],
        ["DELETE", `/api/v1/${kind.path}/${id}`, undefined],
      ] as const;

      for (const [method, path, body] of attempts) {
        const res = await t.call(method, path, { token: partnerPlanner, body });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.json.error).toMatchObject({ code: "forbidden_city", field: "city", value: "bayannur", expected: "baotou" });
      }
      expect((await t.call("GET", `/api/v1/${kind.path}/${id}`)).status).toBe(200);
    }
  });

  it("rejects moving an own row to another city", async () => {
    for (const kind of kindsWithCity) {
      const created = await t.call("POST", `/api/v1/${kind.path}`, { token: partnerPlanner, body: bodyIn(kind.path, "baotou") });
      expect(created.status, kind.path).toBe(201);
      const properties = { city: "ordos" };
      const res = await t.call("PATCH", `/api/v1/${kind.path}/${created.json.id}`, {
        token: partnerPlanner,
        body: kind.geometry ? { type: "Feature", properties } : properties,
      });
      expect(res.status, kind.path).toBe(403);
      expect(res.json.error).toMatchObject({ code: "forbidden_city", value: "ordos" });
    }
  });

  it("lets home-city admins write in every city", async () => {
    for (const kind of kindsWithCity) {
      const res = await t.call("POST", `/api/v1/${kind.path}`, { body: bodyIn(kind.path, "wuhai") });
      expect(res.status, kind.path).toBe(201);
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

    const zh = await t.call("POST", "/api/v1/bases", { token: t.tokens.viewer, body: baseFeature({ code: "VIEWER" }) });
    expect(zh.json.error.message).toBe("权限不足：此操作需要以下角色之一：管理员、规划员");
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

  it("records when a token was last used, at most once a minute", async () => {
    const created = await t.call("POST", "/api/v1/tokens", { body: { name: "integration", role: "viewer" } });
    const lastUsed = async () => (await t.call("GET", "/api/v1/tokens")).json.items.find((item: { id: number }) => item.id === created.json.id).lastUsedAt;
    expect(await lastUsed()).toBeNull();

    expect((await t.call("GET", "/api/v1/bases", { token: created.json.token })).status).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();

    expect((await t.call("GET", "/api/v1/bases", { token: created.json.token })).status).toBe(200);
    expect(await lastUsed()).toBe(first);

    await t.database.sql`UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = ${created.json.id}`;
    expect((await t.call("GET", "/api/v1/bases", { token: created.json.token })).status).toBe(200);
    expect(Date.parse(await lastUsed())).toBeGreaterThan(Date.now() - 60_000);
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
