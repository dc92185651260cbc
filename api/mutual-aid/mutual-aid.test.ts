import { readFileSync } from "node:fs";

import { beforeAll, describe, expect, it, vi } from "vitest";

import { upsertAdminAreas } from "../geography/admin-areas.js";
import { testApp } from "../test/app.js";
import { aircraftBody, aircraftTypeBody } from "../test/factories.js";
import { createUserAndLogIn } from "../auth/users/test-users.js";
import { activeLoans } from "./loans.js";
import { mutualAidFrameFields } from "./presenter.js";

let t: Awaited<ReturnType<typeof testApp>>;
const coordinators = {} as Record<"bayannur" | "baotou" | "baotou2" | "ordos", string>;
let registrations = 0;

beforeAll(async () => {
  t = await testApp({ tracking: {} });
  expect((await t.call("POST", "/api/v1/aircraft-types", { body: aircraftTypeBody() })).status).toBe(201);
  expect((await t.call("POST", "/api/v1/aircraft-types", { body: aircraftTypeBody({ id: "as350-b3", name: "AS350 B3", hoist: false }) })).status).toBe(201);

  coordinators.bayannur = (await createUserAndLogIn(t, { role: "coordinator", city: "bayannur" })).token;
  coordinators.baotou = (await createUserAndLogIn(t, { role: "coordinator", city: "baotou" })).token;
  coordinators.baotou2 = (await createUserAndLogIn(t, { role: "coordinator", city: "baotou" })).token;
  coordinators.ordos = (await createUserAndLogIn(t, { role: "coordinator", city: "ordos" })).token;
});

// Adds an aircraft of `city` with a unique registration and returns its id.
async function addAircraft(city: string, typeId = "bell-412ep"): Promise<number> {
  registrations++;
  const body = aircraftBody({ registration: `B-9${String(registrations).padStart(3, "0")}`, icaoAddress: null, callsign: null, city, typeId });
  const res = await t.call("POST", "/api/v1/aircraft", { body });
  expect(res.status).toBe(201);
  return res.json.id;
}

// Loads the real city boundaries. The load is an upsert, so each test may call it.
async function loadBoundaries(): Promise<void> {
  const boundaries = JSON.parse(readFileSync(new URL("../../data/geo/boundary.geojson", import.meta.url), "utf8"));
  await upsertAdminAreas(t.database, boundaries);
}

// Records an open forest fire at [lon, lat] and returns its id.
async function addIncident(lonLat: [number, number]): Promise<number> {
  const res = await t.call("POST", "/api/v1/incidents", {
    token: t.tokens.dispatcher,
    body: { kind: "forest_fire", priority: 2, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: lonLat } },
  });
  expect(res.status).toBe(201);
  return res.json.id;
}

async function request(token: string, body: Record<string, unknown>) {
  return t.call("POST", "/api/v1/mutual-aid/requests", { token, body });
}

async function step(token: string, id: number, action: string, body: Record<string, unknown> = {}) {
  return t.call("POST", `/api/v1/mutual-aid/requests/${id}/${action}`, { token, body });
}

describe("cities", () => {
  it("lists the home city and its partners", async () => {
    const res = await t.call("GET", "/api/v1/cities", { token: t.tokens.viewer });
    expect(res.status).toBe(200);
    expect(res.json.items.map((c: { code: string }) => c.code)).toEqual(["bayannur", "alxa", "baotou", "ordos", "wuhai"]);
    expect(res.json.items[0]).toEqual({ code: "bayannur", nameZh: "巴彦淖尔市", nameEn: "Bayannur", home: true, active: true });
  });

  it("lets home-city admins add a partner", async () => {
    const res = await t.call("POST", "/api/v1/cities", { body: { code: "hohhot", nameZh: "呼和浩特市", nameEn: "Hohhot" } });
    expect(res.status).toBe(201);
    const again = await t.call("POST", "/api/v1/cities", { body: { code: "hohhot", nameZh: "呼和浩特市", nameEn: "Hohhot" } });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: "duplicate_value", field: "code" });
  });

  it("keeps partner admins from changing cities", async () => {
    const admin = await createUserAndLogIn(t, { role: "admin", city: "wuhai" });
    const res = await t.call("PATCH", "/api/v1/cities/wuhai", { token: admin.token, body: { nameEn: "Wuhai City" } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("forbidden_city");
  });
});

describe("mutual-aid workflow", () => {
  it("requests, approves and returns a loan", async () => {
    const aircraftId = await addAircraft("baotou");

    const requested = await request(coordinators.bayannur, { lendingCity: "baotou", aircraftId, notes: "乌拉山林火" });
    expect(requested.status).toBe(201);
    expect(requested.json).toMatchObject({ status: "requested", requestingCity: "bayannur", lendingCity: "baotou", aircraftId, decidedAt: null });
    const id = requested.json.id;
    expect((await activeLoans(t.database.db)).map((loan) => loan.requestId)).not.toContain(id);

    const approved = await step(coordinators.baotou, id, "approve");
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe("approved");
    expect(Date.parse(approved.json.decidedAt)).toBeGreaterThanOrEqual(Date.parse(requested.json.requestedAt));

    const loans = await activeLoans(t.database.db);
    expect(loans.find((loan) => loan.requestId === id)).toMatchObject({ aircraftId, lendingCity: "baotou", borrowingCity: "bayannur" });
    const listed = await t.call("GET", "/api/v1/mutual-aid/loans", { token: t.tokens.dispatcher });
    expect(listed.json.items.map((loan: { requestId: number }) => loan.requestId)).toContain(id);

    const returned = await step(coordinators.bayannur, id, "return", { notes: "任务结束" });
    expect(returned.status).toBe(200);
    expect(returned.json).toMatchObject({ status: "returned", notes: "任务结束" });
    expect(Date.parse(returned.json.returnedAt)).toBeGreaterThanOrEqual(Date.parse(approved.json.decidedAt));
    expect((await activeLoans(t.database.db)).map((loan) => loan.requestId)).not.toContain(id);

    const audit = await t.call("GET", `/api/v1/audit?objectKind=mutual_aid_request&objectId=${id}`, { token: coordinators.baotou });
    expect(audit.json.items.map((row: { action: string }) => row.action)).toEqual(["return", "approve", "request"]);
    expect(audit.json.items[1].before.status).toBe("requested");
    expect(audit.json.items[1].after.status).toBe("approved");
  });

  it("lets only the lending city approve", async () => {
    const aircraftId = await addAircraft("baotou");
    const { json } = await request(coordinators.bayannur, { lendingCity: "baotou", aircraftId });

    for (const token of [coordinators.bayannur, coordinators.ordos]) {
      const res = await step(token, json.id, "approve");
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({ code: "forbidden_mutual_aid_step", expected: "baotou" });
    }
  });

  it("declines with a reason", async () => {
    const aircraftId = await addAircraft("baotou");
    const { json } = await request(coordinators.bayannur, { lendingCity: "baotou", aircraftId });

    const declined = await step(coordinators.baotou, json.id, "decline", { reason: "本市有火情" });
    expect(declined.json).toMatchObject({ status: "declined", declineReason: "本市有火情" });
    expect(declined.json.decidedAt).not.toBeNull();

    const returned = await step(coordinators.bayannur, json.id, "return");
    expect(returned.status).toBe(409);
    expect(returned.json.error).toMatchObject({ code: "mutual_aid_transition", value: "declined", expected: "approved" });
  });

  it("lets the requester cancel an open request", async () => {
    const aircraftId = await addAircraft("baotou");
    const { json } = await request(coordinators.bayannur, { lendingCity: "baotou", aircraftId });

    const byLender = await t.call("POST", `/api/v1/mutual-aid/requests/${json.id}/cancel`, { token: coordinators.baotou, body: {}, language: "en" });
    expect(byLender.status).toBe(403);
    expect(byLender.json.error.message).toBe('id: only a coordinator of bayannur may take this step; your city is "baotou"');
    const cancelled = await step(coordinators.bayannur, json.id, "cancel");
    expect(cancelled.json.status).toBe("cancelled");
    expect((await step(coordinators.baotou, json.id, "approve")).status).toBe(409);
  });

  it("fills an any-suitable-aircraft request", async () => {
    const plain = await addAircraft("ordos", "as350-b3");
    const withHoist = await addAircraft("ordos");
    const { json } = await request(coordinators.bayannur, { lendingCity: "ordos", category: "helicopter", capabilities: ["hoist", "night"] });
    expect(json).toMatchObject({ aircraftId: null, category: "helicopter", capabilities: ["hoist", "night"] });

    const unnamed = await step(coordinators.ordos, json.id, "approve");
    expect(unnamed.status).toBe(422);
    expect(unnamed.json.error).toMatchObject({ code: "missing_field", field: "aircraftId" });

    const unsuitable = await step(coordinators.ordos, json.id, "approve", { aircraftId: plain });
    expect(unsuitable.status).toBe(422);
    expect(unsuitable.json.error).toMatchObject({ code: "aircraft_not_suitable", value: plain, expected: "helicopter, hoist, night" });

    const approved = await step(coordinators.ordos, json.id, "approve", { aircraftId: withHoist });
    expect(approved.status).toBe(200);
    expect(approved.json.aircraftId).toBe(withHoist);
  });

  it("rejects a fixed-wing aircraft for a helicopter request", async () => {
    const typeBody = aircraftTypeBody({ id: "y-12", name: "Y-12", nameZh: "运-12", category: "fixed_wing", hoist: false, bucketCapacityL: null });
    expect((await t.call("POST", "/api/v1/aircraft-types", { body: typeBody })).status).toBe(201);
    const fixedWing = await addAircraft("wuhai", "y-12");
    const { json } = await request(coordinators.bayannur, { lendingCity: "wuhai", category: "helicopter" });

    const wuhai = (await createUserAndLogIn(t, { role: "coordinator", city: "wuhai" })).token;
    const res = await t.call("POST", `/api/v1/mutual-aid/requests/${json.id}/approve`, { token: wuhai, body: { aircraftId: fixedWing }, language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "aircraft_not_suitable", field: "aircraftId", value: fixedWing, expected: "helicopter" });
    expect(res.json.error.message).toContain(`aircraft ${fixedWing} does not meet`);
    expect((await t.call("GET", `/api/v1/mutual-aid/requests/${json.id}`)).json.status).toBe("requested");
  });

  it("rejects an unavailable aircraft", async () => {
    const aircraftId = await addAircraft("baotou");
    await t.call("PATCH", `/api/v1/aircraft/${aircraftId}`, { body: { status: "maintenance" } });
    const { json } = await request(coordinators.bayannur, { lendingCity: "baotou", aircraftId });

    const res = await step(coordinators.baotou, json.id, "approve");
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "aircraft_unavailable", expected: "maintenance" });
  });
});

describe("mutual-aid request validation", () => {
  it("rejects a request to the own city", async () => {
    const res = await request(coordinators.bayannur, { lendingCity: "bayannur", category: "helicopter" });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "invalid_value", field: "lendingCity" });
  });

  it("rejects an aircraft of another city", async () => {
    const aircraftId = await addAircraft("wuhai");
    const res = await request(coordinators.bayannur, { lendingCity: "baotou", aircraftId });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "aircraft_wrong_city", field: "aircraftId", expected: "baotou" });
  });

  it("needs an aircraft or a category", async () => {
    const res = await request(coordinators.bayannur, { lendingCity: "baotou" });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "missing_field", field: "aircraftId" });
  });

  it("rejects an unknown incident", async () => {
    const res = await request(coordinators.bayannur, { lendingCity: "baotou", category: "helicopter", incidentId: 999999 });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "reference_not_found", field: "incidentId" });
  });

  it("rejects an incident of another city", async () => {
    await loadBoundaries();
    const bayannurIncident = await addIncident([107.4, 40.75]);
    const baotouIncident = await addIncident([109.84, 40.66]);

    const foreign = await t.call("POST", "/api/v1/mutual-aid/requests", {
      token: coordinators.baotou,
      body: { lendingCity: "ordos", category: "helicopter", incidentId: bayannurIncident },
      language: "en",
    });
    expect(foreign.status).toBe(422);
    expect(foreign.json.error).toMatchObject({ code: "incident_wrong_city", field: "incidentId", value: bayannurIncident, expected: "baotou" });
    expect(foreign.json.error.message).toContain("outside the requesting city baotou");

    const own = await request(coordinators.baotou, { lendingCity: "ordos", category: "helicopter", incidentId: baotouIncident });
    expect(own.status).toBe(201);
    expect(own.json.incidentId).toBe(baotouIncident);
  });

  it("places a border incident within 1 km", async () => {
    await loadBoundaries();
    // Dengkou GA airport: about 0.3 km outside the generalised Bayannur outline (data/README.md).
    const dengkou = await addIncident([107.010698, 40.302832]);

    const res = await request(coordinators.bayannur, { lendingCity: "baotou", category: "helicopter", incidentId: dengkou });
    expect(res.status).toBe(201);
  });

  it("lists only the city's open incidents", async () => {
    await loadBoundaries();
    const bayannurIncident = await addIncident([107.4, 40.75]);
    const baotouIncident = await addIncident([109.84, 40.66]);

    const forBaotou = await t.call("GET", "/api/v1/mutual-aid/incidents", { token: coordinators.baotou });
    expect(forBaotou.status).toBe(200);
    expect(forBaotou.json.city).toBe("baotou");
    expect(forBaotou.json.incidentIds).toContain(baotouIncident);
    expect(forBaotou.json.incidentIds).not.toContain(bayannurIncident);

    const forBayannur = await t.call("GET", "/api/v1/mutual-aid/incidents?city=bayannur", { token: coordinators.baotou });
    expect(forBayannur.json.incidentIds).toContain(bayannurIncident);
    expect(forBayannur.json.incidentIds).not.toContain(baotouIncident);

    const closed = await t.call("POST", `/api/v1/incidents/${bayannurIncident}/close`, { token: t.tokens.dispatcher, body: {} });
    expect(closed.status).toBe(200);
    const afterClose = await t.call("GET", "/api/v1/mutual-aid/incidents", { token: coordinators.bayannur });
    expect(afterClose.json.incidentIds).not.toContain(bayannurIncident);
  });

  it("rejects an unknown or inactive city", async () => {
    const unknown = await request(coordinators.bayannur, { lendingCity: "atlantis", category: "helicopter" });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error).toMatchObject({ code: "reference_not_found", field: "lendingCity" });

    expect((await t.call("PATCH", "/api/v1/cities/alxa", { body: { active: false } })).status).toBe(200);
    const inactive = await request(coordinators.bayannur, { lendingCity: "alxa", category: "helicopter" });
    expect(inactive.status).toBe(422);
    expect(inactive.json.error).toMatchObject({ code: "city_inactive", field: "lendingCity" });
    await t.call("PATCH", "/api/v1/cities/alxa", { body: { active: true } });
  });

  it("lets only home-city admins request for another city", async () => {
    const res = await request(coordinators.ordos, { lendingCity: "baotou", requestingCity: "wuhai", category: "helicopter" });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ code: "forbidden_city", field: "requestingCity" });

    const admin = await request(t.tokens.admin, { lendingCity: "baotou", requestingCity: "wuhai", category: "helicopter" });
    expect(admin.status).toBe(201);
  });
});

// Runs `requests` while a transaction holds the given requests' row locks,
// and releases the locks only once two of them wait for it. Both requests
// are then in the database at the same time, which Promise.all alone does
// not guarantee.
async function raceBehindLock<T>(requestIds: number[], requests: () => Promise<T>[]): Promise<T[]> {
  let pending: Promise<T[]> | null = null;
  await t.database.sql.begin(async (sql) => {
    await sql`SELECT id FROM mutual_aid_requests WHERE id = ANY(${requestIds}) FOR UPDATE`;
    pending = Promise.all(requests());

    const deadlineMs = Date.now() + 10_000;
    for (;;) {
      // Asked on another connection: inside a transaction pg_stat_activity is a snapshot.
      const [row] = await t.database.sql`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (row!.waiting >= 2) {
        break;
      }
      if (Date.now() > deadlineMs) {
        throw new Error(`only ${row!.waiting} request(s) reached the lock within 10 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return pending!;
}

describe("mutual-aid concurrency", () => {
  it("resolves concurrent approvals once", async () => {
    for (let round = 0; round < 5; round++) {
      const aircraftId = await addAircraft("baotou");
      const { json } = await request(coordinators.bayannur, { lendingCity: "baotou", aircraftId });

      const results = await raceBehindLock([json.id], () => [step(coordinators.baotou, json.id, "approve"), step(coordinators.baotou2, json.id, "approve")]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.json.error).toMatchObject({ code: "mutual_aid_transition", value: "approved" });

      const audit = await t.database.sql`SELECT id FROM audit_log WHERE object_kind = 'mutual_aid_request' AND object_id = ${String(json.id)} AND action = 'approve'`;
      expect(audit).toHaveLength(1);
    }
  });

  it("never lends one aircraft twice at once", async () => {
    for (let round = 0; round < 5; round++) {
      const aircraftId = await addAircraft("baotou");
      const first = (await request(coordinators.bayannur, { lendingCity: "baotou", aircraftId })).json;
      const second = (await request(coordinators.ordos, { lendingCity: "baotou", aircraftId })).json;

      const results = await raceBehindLock([first.id, second.id], () => [
        step(coordinators.baotou, first.id, "approve"),
        step(coordinators.baotou2, second.id, "approve"),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results[0]!.status === 200 ? first.id : second.id;
      expect(results.find((r) => r.status === 409)!.json.error).toMatchObject({ code: "aircraft_on_loan", value: aircraftId, expected: String(winner) });

      const loans = (await activeLoans(t.database.db)).filter((loan) => loan.aircraftId === aircraftId);
      expect(loans).toHaveLength(1);
    }
  });

  it("lends the aircraft again after its return", async () => {
    const aircraftId = await addAircraft("baotou");
    const first = (await request(coordinators.bayannur, { lendingCity: "baotou", aircraftId })).json;
    const second = (await request(coordinators.ordos, { lendingCity: "baotou", aircraftId })).json;
    await step(coordinators.baotou, first.id, "approve");

    expect((await step(coordinators.baotou, second.id, "approve")).status).toBe(409);
    await step(coordinators.baotou, first.id, "return");
    expect((await step(coordinators.baotou, second.id, "approve")).status).toBe(200);
  });
});

describe("mutual-aid live frames", () => {
  it("broadcasts each step with the declared fields only", async () => {
    const broadcast = vi.spyOn(t.tracking!.hub, "broadcastTo");
    const aircraftId = await addAircraft("baotou");
    const { json } = await request(coordinators.bayannur, { lendingCity: "baotou", aircraftId });
    await step(coordinators.baotou, json.id, "approve");
    await step(coordinators.bayannur, json.id, "return");

    const frames = broadcast.mock.calls.map(([frame]) => frame as Record<string, unknown>);
    expect(frames.map((frame) => frame.event)).toEqual(["requested", "approved", "returned"]);
    const requestFields = Object.keys(json).sort();
    for (const frame of frames) {
      expect(Object.keys(frame).sort()).toEqual([...mutualAidFrameFields].sort());
      expect(frame.type).toBe("mutual_aid");
      expect(Object.keys(frame.request as object).sort()).toEqual(requestFields);
    }
    broadcast.mockRestore();
  });
});
