import { beforeAll, describe, expect, it } from "vitest";

import { testApp } from "../../test/app.js";
import { createUserAndLogIn, testPassword } from "./test-users.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
});

function userBody(overrides: Record<string, unknown> = {}) {
  return { username: "zhao.planner", displayName: "赵规划", role: "planner", city: "bayannur", password: testPassword, ...overrides };
}

describe("users", () => {
  it("creates a user without returning its hash", async () => {
    const res = await t.call("POST", "/api/v1/users", { body: userBody({ username: "Zhao.Planner" }) });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ username: "zhao.planner", displayName: "赵规划", role: "planner", city: "bayannur", disabled: false });
    expect(Object.keys(res.json).sort()).toEqual(["city", "createdAt", "disabled", "displayName", "id", "role", "updatedAt", "username"]);
  });

  it("rejects a duplicate username", async () => {
    await t.call("POST", "/api/v1/users", { body: userBody({ username: "dup.user" }) });
    const res = await t.call("POST", "/api/v1/users", { body: userBody({ username: "DUP.user" }) });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "duplicate_value", field: "username", value: "dup.user" });
  });

  it("rejects an unknown city", async () => {
    const res = await t.call("POST", "/api/v1/users", { body: userBody({ username: "far.away", city: "hohhot" }) });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "reference_not_found", field: "city", value: "hohhot" });
  });

  it("rejects a short password", async () => {
    const res = await t.call("POST", "/api/v1/users", { body: userBody({ username: "short.pw", password: "123" }) });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "too_small", field: "password" });
    expect(res.json.error).not.toHaveProperty("value");
    expect(JSON.stringify(res.json)).not.toContain("123");
  });

  it("rejects a malformed username", async () => {
    const res = await t.call("POST", "/api/v1/users", { body: userBody({ username: "a b" }) });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "invalid_format", field: "username" });
  });

  it("lists, gets, updates and deletes", async () => {
    const created = await t.call("POST", "/api/v1/users", { body: userBody({ username: "crud.user" }) });
    const id = created.json.id;

    const list = await t.call("GET", "/api/v1/users?limit=1000");
    expect(list.status).toBe(200);
    expect(list.json.items.map((u: { username: string }) => u.username)).toContain("crud.user");

    expect((await t.call("GET", `/api/v1/users/${id}`)).json.username).toBe("crud.user");

    const patched = await t.call("PATCH", `/api/v1/users/${id}`, { body: { displayName: "新名字", role: "dispatcher" } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ displayName: "新名字", role: "dispatcher" });

    expect((await t.call("DELETE", `/api/v1/users/${id}`)).status).toBe(204);
    expect((await t.call("GET", `/api/v1/users/${id}`)).status).toBe(404);
    expect((await t.call("DELETE", `/api/v1/users/${id}`)).status).toBe(404);
  });

  it("filters the list by city", async () => {
    await t.call("POST", "/api/v1/users", { body: userBody({ username: "ordos.user", city: "ordos" }) });
    const list = await t.call("GET", "/api/v1/users?city=ordos");
    expect(list.json.items.length).toBeGreaterThan(0);
    expect(list.json.items.every((u: { city: string }) => u.city === "ordos")).toBe(true);
  });

  it("rejects unknown fields", async () => {
    const res = await t.call("POST", "/api/v1/users", { body: userBody({ username: "extra.field", passwordHash: "x" }) });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "unknown_field", field: "passwordHash" });
  });
});

describe("user city scope", () => {
  it("lets a partner admin manage its own city only", async () => {
    const admin = await createUserAndLogIn(t, { role: "admin", city: "wuhai" });

    const own = await t.call("POST", "/api/v1/users", { token: admin.token, body: userBody({ username: "wuhai.viewer", city: "wuhai", role: "viewer" }) });
    expect(own.status).toBe(201);

    const other = await t.call("POST", "/api/v1/users", { token: admin.token, body: userBody({ username: "sneaky.admin", role: "admin" }), language: "en" });
    expect(other.status).toBe(403);
    expect(other.json.error).toMatchObject({ code: "forbidden_city", field: "city", value: "bayannur", expected: "wuhai" });
    expect(other.json.error.message).toBe("city: you may change records of your own city (wuhai) only, not \"bayannur\"");

    const move = await t.call("PATCH", `/api/v1/users/${own.json.id}`, { token: admin.token, body: { city: "bayannur" } });
    expect(move.status).toBe(403);
    expect(move.json.error.code).toBe("forbidden_city");
  });

  it("lets a home-city admin manage every city", async () => {
    const admin = await createUserAndLogIn(t, { role: "admin", city: "bayannur" });
    const res = await t.call("POST", "/api/v1/users", { token: admin.token, body: userBody({ username: "alxa.coord", city: "alxa", role: "coordinator" }) });
    expect(res.status).toBe(201);
  });
});

describe("self lockout", () => {
  it("keeps an admin from disabling, demoting or deleting themselves", async () => {
    const admin = await createUserAndLogIn(t, { role: "admin" });
    for (const [method, body] of [
      ["PATCH", { disabled: true }],
      ["PATCH", { role: "viewer" }],
      ["DELETE", undefined],
    ] as const) {
      const res = await t.call(method, `/api/v1/users/${admin.id}`, { token: admin.token, body });
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(409);
      expect(res.json.error.code).toBe("self_lockout");
    }
    expect((await t.call("PATCH", `/api/v1/users/${admin.id}`, { token: admin.token, body: { displayName: "仍是管理员" } })).status).toBe(200);
  });
});

describe("user audit", () => {
  it("records changes without the password hash", async () => {
    const created = await t.call("POST", "/api/v1/users", { body: userBody({ username: "audited.user" }) });
    await t.call("PATCH", `/api/v1/users/${created.json.id}`, { body: { password: "another-password-9" } });

    const rows = await t.database.sql`SELECT action, actor, before, after FROM audit_log WHERE object_kind = 'user' AND object_id = ${String(created.json.id)} ORDER BY id`;
    expect(rows.map((r) => r.action)).toEqual(["create", "update"]);
    expect(rows[0]!.actor).toMatch(/^token:\d+$/);
    expect(rows[1]!.after.passwordChanged).toBe(true);
    const text = JSON.stringify(rows);
    expect(text).not.toContain("argon2");
    expect(text).not.toContain("another-password-9");
  });
});
