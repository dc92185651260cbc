import { Writable } from "node:stream";

import pino from "pino";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { createApp } from "../../app.js";
import { testAdminToken, testApp } from "../../test/app.js";
import { verifyToken } from "../tokens.js";
import { createUserAndLogIn, testPassword } from "../users/test-users.js";
import { defaultSessionTtlMs, sessionTtlMsFrom } from "./store.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
});

afterEach(() => {
  vi.useRealTimers();
});

// Sends a request as if it came over a socket from `address`, which is what
// the per-address login limit reads in production.
async function loginFrom(address: string, body: unknown) {
  const response = await t.app.request(
    "/api/v1/auth/login",
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: address } } },
  );
  return { status: response.status, json: await response.json(), headers: response.headers };
}

// Fakes only Date, so that timers, sockets and the database keep working.
function setClock(time: Date): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(time);
}

describe("login", () => {
  it("returns a session token and its expiry", async () => {
    await createUserAndLogIn(t, { role: "dispatcher", username: "li.dispatch" });
    const before = Date.now();
    const res = await loginFrom("127.0.0.10", { username: "LI.Dispatch", password: testPassword });

    expect(res.status).toBe(201);
    expect(res.json.token).toMatch(/^ars_[A-Za-z0-9_-]{43}$/);
    expect(res.json.user.username).toBe("li.dispatch");
    expect(res.json.user).not.toHaveProperty("passwordHash");
    const ttlMs = Date.parse(res.json.expiresAt) - before;
    expect(ttlMs).toBeGreaterThanOrEqual(defaultSessionTtlMs);
    expect(ttlMs).toBeLessThan(defaultSessionTtlMs + 60_000);
  });

  it("rejects a wrong password", async () => {
    await createUserAndLogIn(t, { role: "viewer", username: "wrong.pass" });
    const res = await t.call("POST", "/api/v1/auth/login", { token: null, body: { username: "wrong.pass", password: "not-the-password" }, language: "en" });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("invalid_credentials");
    expect(res.json.error.message).toBe("wrong username or password");
  });

  it("rejects an unknown username alike", async () => {
    const res = await t.call("POST", "/api/v1/auth/login", { token: null, body: { username: "nobody", password: testPassword } });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("invalid_credentials");
  });

  it("rejects a disabled user", async () => {
    const user = await createUserAndLogIn(t, { role: "viewer", username: "gone.away" });
    expect((await t.call("PATCH", `/api/v1/users/${user.id}`, { body: { disabled: true } })).status).toBe(200);
    const res = await loginFrom("127.0.0.11", { username: "gone.away", password: testPassword });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("invalid_credentials");
  });

  it("validates the body", async () => {
    const res = await t.call("POST", "/api/v1/auth/login", { token: null, body: { username: "x" } });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "missing_field", field: "password" });
  });
});

describe("sessions", () => {
  it("authenticate like API tokens", async () => {
    const user = await createUserAndLogIn(t, { role: "planner" });
    expect((await t.call("GET", "/api/v1/bases", { token: user.token })).status).toBe(200);
    const res = await t.call("GET", "/api/v1/tokens", { token: user.token });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("forbidden_role");
  });

  it("me returns the session's user", async () => {
    const user = await createUserAndLogIn(t, { role: "coordinator", city: "baotou", username: "wang.coord" });
    const res = await t.call("GET", "/api/v1/auth/me", { token: user.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ actor: `user:${user.id}`, name: "wang.coord", role: "coordinator", city: "baotou" });
    expect(res.json.user.username).toBe("wang.coord");
  });

  it("me describes an API token", async () => {
    const res = await t.call("GET", "/api/v1/auth/me", { token: t.tokens.viewer });
    expect(res.json).toMatchObject({ role: "viewer", city: "bayannur", user: null });
    expect(res.json.actor).toMatch(/^token:\d+$/);
    const admin = await t.call("GET", "/api/v1/auth/me", { token: testAdminToken });
    expect(admin.json.actor).toBe("ADMIN_TOKEN");
  });

  it("logout ends the session", async () => {
    const user = await createUserAndLogIn(t, { role: "viewer" });
    expect((await t.call("POST", "/api/v1/auth/logout", { token: user.token })).status).toBe(204);

    const res = await t.call("GET", "/api/v1/auth/me", { token: user.token });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("session_expired");
  });

  it("logout rejects an API token", async () => {
    const res = await t.call("POST", "/api/v1/auth/logout", { token: t.tokens.viewer });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("not_a_session");
  });

  it("rejects an unknown session token as invalid", async () => {
    const res = await t.call("GET", "/api/v1/auth/me", { token: "ars_never-issued" });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("invalid_token");
  });

  it("expire after the TTL", async () => {
    const loginAt = new Date("2026-12-04T08:00:00Z");
    setClock(loginAt);
    const user = await createUserAndLogIn(t, { role: "viewer" });

    vi.setSystemTime(loginAt.getTime() + defaultSessionTtlMs - 1000);
    expect((await t.call("GET", "/api/v1/auth/me", { token: user.token })).status).toBe(200);

    vi.setSystemTime(loginAt.getTime() + defaultSessionTtlMs);
    const res = await t.call("GET", "/api/v1/auth/me", { token: user.token, language: "en" });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("session_expired");
    expect(res.json.error.message).toBe("the session has expired or was logged out; log in again");
  });

  it("end when the password changes", async () => {
    const user = await createUserAndLogIn(t, { role: "viewer" });
    expect((await t.call("PATCH", `/api/v1/users/${user.id}`, { body: { password: "a-new-password-1" } })).status).toBe(200);
    expect((await t.call("GET", "/api/v1/auth/me", { token: user.token })).json.error.code).toBe("session_expired");
    expect((await t.call("POST", "/api/v1/auth/login", { token: null, body: { username: user.username, password: "a-new-password-1" } })).status).toBe(201);
  });

  it("end when the user is disabled", async () => {
    const user = await createUserAndLogIn(t, { role: "viewer" });
    expect((await t.call("PATCH", `/api/v1/users/${user.id}`, { body: { disabled: true } })).status).toBe(200);
    expect((await t.call("GET", "/api/v1/auth/me", { token: user.token })).json.error.code).toBe("session_expired");
  });

  it("follow role changes at once", async () => {
    const user = await createUserAndLogIn(t, { role: "viewer" });
    expect((await t.call("PATCH", `/api/v1/users/${user.id}`, { body: { role: "admin" } })).status).toBe(200);
    expect((await t.call("GET", "/api/v1/tokens", { token: user.token })).status).toBe(200);
  });

  it("open the WebSocket check too", async () => {
    const user = await createUserAndLogIn(t, { role: "dispatcher" });
    const principal = await verifyToken(t.database.db, user.token, testAdminToken);
    expect(principal).toMatchObject({ userId: user.id, role: "dispatcher", tokenId: null });

    await t.call("POST", "/api/v1/auth/logout", { token: user.token });
    expect(await verifyToken(t.database.db, user.token, testAdminToken)).toBeNull();
  });

  it("are deleted 30 days after they end", async () => {
    const start = new Date("2026-06-01T08:00:00Z");
    setClock(start);
    const user = await createUserAndLogIn(t, { role: "viewer" });
    await t.call("POST", "/api/v1/auth/logout", { token: user.token });

    const createdMs = async () => {
      const rows = await t.database.sql`SELECT (extract(epoch FROM created_at) * 1000)::float8 AS ms FROM sessions WHERE user_id = ${user.id}`;
      return rows.map((row) => Number(row.ms));
    };

    vi.setSystemTime(start.getTime() + 29 * 24 * 3600_000);
    await t.call("POST", "/api/v1/auth/login", { token: null, body: { username: user.username, password: testPassword } });
    expect(await createdMs()).toContain(start.getTime());

    vi.setSystemTime(start.getTime() + 31 * 24 * 3600_000);
    await t.call("POST", "/api/v1/auth/login", { token: null, body: { username: user.username, password: testPassword } });
    expect(await createdMs()).not.toContain(start.getTime());
    expect(await createdMs()).toHaveLength(2);
  });

  it("store only the token hash", async () => {
    const user = await createUserAndLogIn(t, { role: "viewer" });
    const rows = await t.database.sql`SELECT token_hash FROM sessions WHERE user_id = ${user.id}`;
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(user.token);
  });
});

describe("login rate limit", () => {
  it("blocks a username after 5 failures", async () => {
    await createUserAndLogIn(t, { role: "viewer", username: "guessed.user" });
    for (let i = 0; i < 5; i++) {
      const res = await loginFrom(`127.0.1.${i}`, { username: "guessed.user", password: `guess-${i}-wrong` });
      expect(res.status).toBe(401);
    }

    const blocked = await loginFrom("127.0.1.99", { username: "guessed.user", password: testPassword });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe("too_many_attempts");
    expect(blocked.json.error.params.retryAfterS).toBeGreaterThan(14 * 60);
    expect(blocked.json.error.params.retryAfterS).toBeLessThanOrEqual(15 * 60);
    expect(blocked.headers.get("retry-after")).toBe(String(blocked.json.error.params.retryAfterS));
  });

  it("blocks a client address after 5 failures", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await loginFrom("127.0.2.1", { username: `sprayed-${i}`, password: "wrong-password" })).status).toBe(401);
    }
    await createUserAndLogIn(t, { role: "viewer", username: "innocent.user" });

    expect((await loginFrom("127.0.2.1", { username: "innocent.user", password: testPassword })).status).toBe(429);
    expect((await loginFrom("127.0.2.2", { username: "innocent.user", password: testPassword })).status).toBe(201);
  });

  it("counts parallel attempts before they finish", async () => {
    await createUserAndLogIn(t, { role: "viewer", username: "parallel.user" });
    const attempts = Array.from({ length: 12 }, (_, i) => loginFrom(`127.0.4.${i}`, { username: "parallel.user", password: `wrong-guess-${i}` }));
    const statuses = (await Promise.all(attempts)).map((res) => res.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
  });

  it("keeps an address count after its own success", async () => {
    await createUserAndLogIn(t, { role: "viewer", username: "own.account" });
    for (let i = 0; i < 4; i++) {
      expect((await loginFrom("127.0.5.1", { username: `guess-${i}`, password: "wrong-password" })).status).toBe(401);
    }
    expect((await loginFrom("127.0.5.1", { username: "own.account", password: testPassword })).status).toBe(201);
    expect((await loginFrom("127.0.5.1", { username: "guess-9", password: "wrong-password" })).status).toBe(401);
    expect((await loginFrom("127.0.5.1", { username: "guess-10", password: "wrong-password" })).status).toBe(429);
  });

  it("lifts the block after 15 minutes", async () => {
    const start = new Date("2026-12-04T09:00:00Z");
    setClock(start);
    await createUserAndLogIn(t, { role: "viewer", username: "patient.user" });
    for (let i = 0; i < 5; i++) {
      await loginFrom(`127.0.3.${i}`, { username: "patient.user", password: "wrong-password" });
    }
    expect((await loginFrom("127.0.3.50", { username: "patient.user", password: testPassword })).status).toBe(429);

    vi.setSystemTime(start.getTime() + 15 * 60_000);
    expect((await loginFrom("127.0.3.51", { username: "patient.user", password: testPassword })).status).toBe(201);
  });
});

describe("secrets", () => {
  it("stores passwords as argon2id hashes only", async () => {
    const user = await createUserAndLogIn(t, { role: "viewer" });
    const rows = await t.database.sql`SELECT password_hash FROM users WHERE id = ${user.id}`;
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(rows[0]!.password_hash).not.toContain(testPassword);
  });

  it("never writes passwords or tokens to the log", async () => {
    // A logger without redaction at the most verbose level, so this test
    // catches a secret passed to the logger at all, not just an unredacted one.
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: "trace" }, sink);
    const { app } = createApp({ database: t.database, logger, config: { adminToken: testAdminToken } });
    const send = async (method: string, path: string, token: string | null, body?: unknown) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (token) {
        headers.authorization = `Bearer ${token}`;
      }
      const response = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, json: response.status === 204 ? null : await response.json() };
    };

    const password = "logged-nowhere-secret";
    const created = await send("POST", "/api/v1/users", testAdminToken, { username: "quiet.user", displayName: "静", role: "viewer", city: "bayannur", password });
    expect(created.status).toBe(201);
    expect((await send("POST", "/api/v1/auth/login", null, { username: "quiet.user", password: "logged-nowhere-wrong" })).status).toBe(401);
    const login = await send("POST", "/api/v1/auth/login", null, { username: "quiet.user", password });
    expect(login.status).toBe(201);
    expect((await send("PATCH", `/api/v1/users/${created.json.id}`, testAdminToken, { password: "logged-nowhere-changed" })).status).toBe(200);
    // The password change ended the session, so logging out is rejected (and logged).
    expect((await send("POST", "/api/v1/auth/logout", login.json.token)).status).toBe(401);

    const output = lines.join("");
    expect(output).toContain("login failed");
    expect(output).toContain("user updated");
    expect(output).not.toContain("logged-nowhere");
    expect(output).not.toContain(login.json.token);
    expect(output).not.toContain(testAdminToken);
  });
});

describe("sessionTtlMsFrom", () => {
  it("defaults to 12 hours", () => {
    expect(sessionTtlMsFrom({})).toBe(12 * 60 * 60 * 1000);
  });

  it("reads SESSION_TTL_MIN", () => {
    expect(sessionTtlMsFrom({ SESSION_TTL_MIN: "30" })).toBe(30 * 60_000);
  });

  it("rejects a TTL that is not whole minutes", () => {
    expect(() => sessionTtlMsFrom({ SESSION_TTL_MIN: "1.5" })).toThrow(/SESSION_TTL_MIN must be a whole number/);
  });
});
