import { beforeAll, describe, expect, it } from "vitest";

import { testApp } from "../test/app.js";
import { baseFeature } from "../test/factories.js";
import { createUserAndLogIn } from "../auth/users/test-users.js";
import { auditInTransaction } from "./log.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
});

async function auditRows(objectKind: string, objectId: string | number) {
  return t.database.sql`SELECT * FROM audit_log WHERE object_kind = ${objectKind} AND object_id = ${String(objectId)} ORDER BY id`;
}

describe("asset audit rows", () => {
  it("records create, update and delete", async () => {
    const response = await t.app.request("/api/v1/bases", {
      method: "POST",
      headers: { authorization: `Bearer ${t.tokens.planner}`, "content-type": "application/json", "x-request-id": "req-audit-1" },
      body: JSON.stringify(baseFeature({ code: "AUDIT-1" })),
    });
    expect(response.status).toBe(201);
    const id = (await response.json()).id;

    expect((await t.call("PATCH", `/api/v1/bases/${id}`, { token: t.tokens.planner, body: { type: "Feature", properties: { nameZh: "改名" } } })).status).toBe(200);
    expect((await t.call("DELETE", `/api/v1/bases/${id}`, { token: t.tokens.planner })).status).toBe(204);

    const rows = await auditRows("bases", id);
    expect(rows.map((r) => r.action)).toEqual(["create", "update", "delete"]);
    expect(rows[0]!.actor).toMatch(/^token:\d+$/);
    expect(rows[0]!.actor_name).toBe("test planner");
    expect(rows[0]!.actor_role).toBe("planner");
    expect(rows[0]!.request_id).toBe("req-audit-1");
    expect(rows[0]!.before).toBeNull();
    expect(rows[0]!.after).toMatchObject({ code: "AUDIT-1", city: "bayannur", geometry: { type: "Point" } });
    expect(rows[1]!.before.nameZh).toBe("临河航空救援站");
    expect(rows[1]!.after.nameZh).toBe("改名");
    expect(rows[2]!.before.nameZh).toBe("改名");
    expect(rows[2]!.after).toBeNull();
  });

  it("writes no row for a rejected change", async () => {
    await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "AUDIT-TAKEN" }) });
    const created = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "AUDIT-2" }) });
    const before = await auditRows("bases", created.json.id);

    const res = await t.call("PATCH", `/api/v1/bases/${created.json.id}`, { body: { type: "Feature", properties: { code: "AUDIT-TAKEN" } } });
    expect(res.status).toBe(409);
    expect(await auditRows("bases", created.json.id)).toHaveLength(before.length);
  });
});

describe("audit atomicity", () => {
  // Triggers in this test file's database only: one fails the commit after
  // the audit row was inserted, the other fails the audit insert itself.
  beforeAll(async () => {
    await t.database.sql.unsafe(`
      CREATE FUNCTION fail_audit_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.after->>'code' = 'FAIL-AT-COMMIT' OR NEW.before->>'code' = 'FAIL-AT-COMMIT' THEN
          RAISE EXCEPTION 'forced failure at commit';
        END IF;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER fail_audit_at_commit AFTER INSERT ON audit_log
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_audit_at_commit();

      CREATE FUNCTION fail_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.after->>'code' = 'FAIL-AUDIT-INSERT' THEN
          RAISE EXCEPTION 'forced audit insert failure';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fail_audit_insert BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit_insert();
    `);
  });

  it("rolls back a create that fails at commit", async () => {
    const res = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "FAIL-AT-COMMIT" }) });
    expect(res.status).toBe(500);

    const bases = await t.database.sql`SELECT id FROM bases WHERE code = 'FAIL-AT-COMMIT'`;
    expect(bases).toHaveLength(0);
    const audit = await t.database.sql`SELECT id FROM audit_log WHERE after->>'code' = 'FAIL-AT-COMMIT'`;
    expect(audit).toHaveLength(0);
  });

  it("rolls back a delete that fails at commit", async () => {
    const created = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "KEEP-ME" }) });
    await t.database.sql`UPDATE bases SET code = 'FAIL-AT-COMMIT' WHERE id = ${created.json.id}`;

    expect((await t.call("DELETE", `/api/v1/bases/${created.json.id}`)).status).toBe(500);
    expect((await t.call("GET", `/api/v1/bases/${created.json.id}`)).status).toBe(200);
    expect((await auditRows("bases", created.json.id)).map((r) => r.action)).toEqual(["create"]);
  });

  it("writes no change when the audit insert fails", async () => {
    const res = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "FAIL-AUDIT-INSERT" }) });
    expect(res.status).toBe(500);
    expect(await t.database.sql`SELECT id FROM bases WHERE code = 'FAIL-AUDIT-INSERT'`).toHaveLength(0);
  });
});

describe("GET /api/v1/audit", () => {
  it("filters by object, actor, action and time", async () => {
    const created = await t.call("POST", "/api/v1/bases", { token: t.tokens.planner, body: baseFeature({ code: "AUDIT-Q" }) });
    const id = String(created.json.id);
    await t.call("PATCH", `/api/v1/bases/${id}`, { body: { type: "Feature", properties: { nameEn: "Queried" } } });

    const byObject = await t.call("GET", `/api/v1/audit?objectKind=bases&objectId=${id}`);
    expect(byObject.status).toBe(200);
    expect(byObject.json.items.map((r: { action: string }) => r.action)).toEqual(["update", "create"]);
    expect(byObject.json.total).toBe(2);

    const planner = byObject.json.items[1].actor;
    const byActor = await t.call("GET", `/api/v1/audit?objectKind=bases&objectId=${id}&actor=${planner}`);
    expect(byActor.json.items.map((r: { action: string }) => r.action)).toEqual(["create"]);

    const byAction = await t.call("GET", `/api/v1/audit?objectKind=bases&objectId=${id}&action=update`);
    expect(byAction.json.items).toHaveLength(1);

    const future = await t.call("GET", `/api/v1/audit?objectKind=bases&objectId=${id}&from=2999-01-01T00:00:00Z`);
    expect(future.json.items).toHaveLength(0);
    const past = await t.call("GET", `/api/v1/audit?objectKind=bases&objectId=${id}&to=2000-01-01T00:00:00Z`);
    expect(past.json.items).toHaveLength(0);
    const window = await t.call("GET", `/api/v1/audit?objectKind=bases&objectId=${id}&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z`);
    expect(window.json.items).toHaveLength(2);
  });

  it("lists every declared field", async () => {
    const res = await t.call("GET", "/api/v1/audit?limit=1");
    expect(Object.keys(res.json.items[0]).sort()).toEqual(
      ["action", "actor", "actorName", "actorRole", "after", "at", "before", "id", "objectId", "objectKind", "requestId"].sort(),
    );
  });

  it("rejects a malformed time", async () => {
    const res = await t.call("GET", "/api/v1/audit?from=yesterday");
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "invalid_format", field: "from" });
  });

  it("shows coordinators only mutual-aid rows of their city", async () => {
    const actor = { actor: "user:1", actorName: "seed", actorRole: "coordinator" as const, requestId: null };
    await auditInTransaction(t.database.db, { ...actor, action: "request", objectKind: "mutual_aid_request", objectId: 900, after: { requestingCity: "bayannur", lendingCity: "ordos" } });
    await auditInTransaction(t.database.db, { ...actor, action: "request", objectKind: "mutual_aid_request", objectId: 901, after: { requestingCity: "wuhai", lendingCity: "alxa" } });

    const coordinator = await createUserAndLogIn(t, { role: "coordinator", city: "ordos" });
    const res = await t.call("GET", "/api/v1/audit", { token: coordinator.token });
    expect(res.status).toBe(200);
    expect(res.json.items.map((r: { objectId: string }) => r.objectId)).toEqual(["900"]);

    const bases = await t.call("GET", "/api/v1/audit?objectKind=bases", { token: coordinator.token });
    expect(bases.json.items).toHaveLength(0);
  });

  it("shows each role only the object kinds of its work", async () => {
    const actor = { actor: "user:1", actorName: "seed", actorRole: "admin" as const, requestId: null };
    const kinds = ["incident", "mission", "user", "token", "bases"];
    for (const [index, objectKind] of kinds.entries()) {
      await auditInTransaction(t.database.db, { ...actor, action: "create", objectKind, objectId: 950 + index, after: {} });
    }
    const visibleKinds = async (token: string) => {
      const res = await t.call("GET", "/api/v1/audit?from=2000-01-01T00:00:00Z&limit=1000", { token });
      expect(res.status).toBe(200);
      const seeded = res.json.items.filter((row: { objectId: string }) => Number(row.objectId) >= 950 && Number(row.objectId) < 950 + kinds.length);
      return seeded.map((row: { objectKind: string }) => row.objectKind).sort();
    };

    expect(await visibleKinds(t.tokens.admin)).toEqual(["bases", "incident", "mission", "token", "user"]);
    expect(await visibleKinds(t.tokens.planner)).toEqual(["bases", "incident", "mission"]);
    expect(await visibleKinds(t.tokens.dispatcher)).toEqual(["incident", "mission"]);
    expect((await t.call("GET", "/api/v1/audit", { token: t.tokens.viewer })).status).toBe(403);
  });
});
