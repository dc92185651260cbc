import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { observation } from "../dispatch/test/flight.js";
import { incidentBody } from "../dispatch/test/factories.js";
import { startDispatchServer, type DispatchServer } from "../dispatch/test/server.js";
import { fixture, upload } from "../transfer/test-client.js";

let s: DispatchServer;

// Demo base of B-7Z26, from data/demo.
const gongmiaoziLonLat: [number, number] = [108.998835, 40.614366];

beforeAll(async () => {
  s = await startDispatchServer();
});

afterAll(async () => {
  await s.close();
});

async function auditRows(objectKind: string, objectId: string | number) {
  return s.database.sql`SELECT * FROM audit_log WHERE object_kind = ${objectKind} AND object_id = ${String(objectId)} ORDER BY id`;
}

async function countAudit(objectKind: string): Promise<number> {
  const rows = await s.database.sql<{ count: number }[]>`SELECT count(*)::int AS count FROM audit_log WHERE object_kind = ${objectKind}`;
  return rows[0]!.count;
}

async function newIncident(): Promise<number> {
  const created = await s.call("POST", "/api/v1/incidents", { body: incidentBody(), token: s.tokens.dispatcher });
  expect(created.status).toBe(201);
  return created.json.id;
}

describe("incident audit rows", () => {
  it("records create, update and close", async () => {
    const id = await newIncident();
    expect((await s.call("PATCH", `/api/v1/incidents/${id}`, { body: { priority: 2 }, token: s.tokens.dispatcher })).status).toBe(200);
    expect((await s.call("POST", `/api/v1/incidents/${id}/close`, { body: { notes: "火已扑灭" }, token: s.tokens.dispatcher })).status).toBe(200);

    const rows = await auditRows("incident", id);
    expect(rows.map((row) => row.action)).toEqual(["create", "update", "close"]);
    expect(rows[0]!.actor_name).toBe("test dispatcher");
    expect(rows[0]!.actor_role).toBe("dispatcher");
    expect(rows[0]!.before).toBeNull();
    expect(rows[0]!.after).toMatchObject({ id, kind: "forest_fire", priority: 1, status: "open" });
    expect(rows[1]!.before.priority).toBe(1);
    expect(rows[1]!.after.priority).toBe(2);
    expect(rows[2]!.before.status).toBe("open");
    expect(rows[2]!.after.status).toBe("closed");
  });

  it("writes no row for an update of a closed incident", async () => {
    const id = await newIncident();
    await s.call("POST", `/api/v1/incidents/${id}/close`, { body: {}, token: s.tokens.dispatcher });

    const rejected = await s.call("PATCH", `/api/v1/incidents/${id}`, { body: { priority: 3 }, token: s.tokens.dispatcher });
    expect(rejected.status).toBe(409);
    expect((await auditRows("incident", id)).map((row) => row.action)).toEqual(["create", "close"]);
  });
});

describe("mission audit rows", () => {
  it("records assignment and manual status changes", async () => {
    const incidentId = await newIncident();
    const aircraftId = await s.aircraftId("B-7Z41");
    const created = await s.call("POST", "/api/v1/missions", { body: { incidentId, aircraftId }, token: s.tokens.dispatcher });
    expect(created.status).toBe(201);
    const id = created.json.id;
    await s.call("POST", `/api/v1/missions/${id}/status`, { body: { status: "cancelled", note: "误报" }, token: s.tokens.dispatcher });

    const rows = await auditRows("mission", id);
    expect(rows.map((row) => row.action)).toEqual(["assign", "status"]);
    expect(rows[0]!.actor_role).toBe("dispatcher");
    expect(rows[0]!.after).toMatchObject({ incidentId, aircraftId, status: "dispatched" });
    expect(rows[1]!.before).toEqual({ status: "dispatched" });
    expect(rows[1]!.after).toMatchObject({ status: "cancelled", note: "误报" });
  });

  it("writes no row for the loser of an assignment race", async () => {
    const aircraftId = await s.aircraftId("B-7Z31");
    // The override keeps the model's night check out of a test that runs at any hour.
    const [first, second] = await Promise.all([
      s.call("POST", "/api/v1/missions", { body: { incidentId: await newIncident(), aircraftId, override: true }, token: s.tokens.dispatcher }),
      s.call("POST", "/api/v1/missions", { body: { incidentId: await newIncident(), aircraftId, override: true }, token: s.tokens.dispatcher }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);

    const rows = await s.database.sql`
      SELECT object_id FROM audit_log WHERE object_kind = 'mission' AND action = 'assign' AND (after->>'aircraftId')::int = ${aircraftId}`;
    expect(rows).toHaveLength(1);
    const winner = first.status === 201 ? first : second;
    expect(rows[0]!.object_id).toBe(String(winner.json.id));
  });

  it("records a status change made by tracking", async () => {
    const incidentId = await newIncident();
    const aircraftId = await s.aircraftId("B-7Z26");
    // The override keeps the model's night check out of a test that runs at any hour.
    const created = await s.call("POST", "/api/v1/missions", { body: { incidentId, aircraftId, override: true }, token: s.tokens.dispatcher });
    const t0 = s.now();

    await s.feed(observation("7BFE07", { lonLat: gongmiaoziLonLat, timeMs: t0 + 60_000 }, { onGround: true, groundSpeedKmh: 0, altitudeM: 1020 }));
    await s.feed(observation("7BFE07", { lonLat: gongmiaoziLonLat, timeMs: t0 + 120_000 }, { onGround: null, groundSpeedKmh: 20, altitudeM: 1100 }));
    expect((await s.call("GET", `/api/v1/missions/${created.json.id}`)).json.status).toBe("airborne");

    const rows = await auditRows("mission", created.json.id);
    const automatic = rows.find((row) => row.action === "status");
    expect(automatic!.actor).toBe("tracking");
    expect(automatic!.actor_role).toBeNull();
    expect(automatic!.before).toEqual({ status: "dispatched" });
    expect(automatic!.after.status).toBe("airborne");
  });
});

describe("alert acknowledgement audit rows", () => {
  it("records the first acknowledgement only", async () => {
    const aircraftId = await s.aircraftId("B-7Z41");
    const inserted = await s.database.sql<{ id: number }[]>`
      INSERT INTO alerts (kind, level, aircraft_id, details, raised_at, level_changed_at)
      VALUES ('lost_contact', 'warning', ${aircraftId}, '{}'::jsonb, now(), now()) RETURNING id`;
    const id = inserted[0]!.id;

    expect((await s.call("POST", `/api/v1/alerts/${id}/acknowledge`, { token: s.tokens.dispatcher })).status).toBe(200);
    expect((await s.call("POST", `/api/v1/alerts/${id}/acknowledge`, { token: s.tokens.admin })).status).toBe(200);

    const rows = await auditRows("alert", id);
    expect(rows.map((row) => row.action)).toEqual(["acknowledge"]);
    expect(rows[0]!.actor_name).toBe("test dispatcher");
    expect(rows[0]!.after).toMatchObject({ acknowledgedBy: "test dispatcher", kind: "lost_contact", level: "warning" });
  });
});

describe("restricted area audit rows", () => {
  it("records create, update and delete", async () => {
    const square = {
      type: "Polygon",
      coordinates: [
        [
          [109.1, 40.7],
          [109.2, 40.7],
          [109.2, 40.8],
          [109.1, 40.8],
          [109.1, 40.7],
        ],
      ],
    };
    const created = await s.call("POST", "/api/v1/restricted-areas", { body: { nameZh: "火场临时禁飞区", geometry: square }, token: s.tokens.dispatcher });
    expect(created.status).toBe(201);
    const id = created.json.id;
    expect((await s.call("PATCH", `/api/v1/restricted-areas/${id}`, { body: { nameZh: "火场禁飞区" }, token: s.tokens.dispatcher })).status).toBe(200);
    expect((await s.call("DELETE", `/api/v1/restricted-areas/${id}`, { token: s.tokens.dispatcher })).status).toBe(204);

    const rows = await auditRows("restricted_area", id);
    expect(rows.map((row) => row.action)).toEqual(["create", "update", "delete"]);
    expect(rows[0]!.after).toMatchObject({ nameZh: "火场临时禁飞区", geometry: { type: "MultiPolygon" } });
    expect(rows[1]!.before.nameZh).toBe("火场临时禁飞区");
    expect(rows[1]!.after.nameZh).toBe("火场禁飞区");
    expect(rows[2]!.before.nameZh).toBe("火场禁飞区");
    expect(rows[2]!.after).toBeNull();
  });
});

describe("import audit rows", () => {
  // The demo seed has some of these landing points already, so the import
  // updates those rows and creates the others.
  it("records each asset an import writes", async () => {
    const res = await upload(s, "kind=landing-points&format=csv&dryRun=false", fixture("landing-points-decimal.csv"));
    expect(res.status).toBe(200);
    const reported = res.json.rows as Array<{ id: number; action: "create" | "update" }>;
    expect(reported.length).toBeGreaterThan(0);

    for (const row of reported) {
      const rows = await auditRows("landing-points", row.id);
      expect(rows.map((audit) => audit.action)).toEqual([row.action]);
      expect(rows[0]!.actor_name).toBe("test planner");
    }
  });

  it("writes no row for a rejected import or a dry run", async () => {
    const before = await countAudit("landing-points");

    const rejected = await upload(s, "kind=landing-points&format=csv&dryRun=false", fixture("wrong-columns.csv"));
    expect(rejected.status).toBe(422);
    const dryRun = await upload(s, "kind=landing-points&format=csv&dryRun=true", fixture("landing-points-gcj02.csv"));
    expect(dryRun.status).toBe(200);

    expect(await countAudit("landing-points")).toBe(before);
  });
});

describe("token audit rows", () => {
  it("records create and revoke without the secret", async () => {
    const created = await s.call("POST", "/api/v1/tokens", { body: { name: "ADS-B receiver 2", role: "feed" } });
    expect(created.status).toBe(201);
    expect((await s.call("DELETE", `/api/v1/tokens/${created.json.id}`)).status).toBe(204);

    const rows = await auditRows("token", created.json.id);
    expect(rows.map((row) => row.action)).toEqual(["create", "revoke"]);
    expect(rows[0]!.after).toMatchObject({ name: "ADS-B receiver 2", role: "feed", city: "bayannur" });
    expect(JSON.stringify(rows[0]!.after)).not.toContain(created.json.token);
    expect(rows[0]!.actor_role).toBe("admin");
  });

  it("writes no row for revoking an unknown token", async () => {
    expect((await s.call("DELETE", "/api/v1/tokens/999999")).status).toBe(404);
    expect(await auditRows("token", 999999)).toHaveLength(0);
  });
});
