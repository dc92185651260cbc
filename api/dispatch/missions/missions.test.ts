import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { incidentBody, linheLonLat } from "../test/factories.js";
import { startDispatchServer, type DispatchServer } from "../test/server.js";

let s: DispatchServer;

// The latest 12:00 China Standard Time (04:00 UTC) before `ms`.
function lastMiddayInChinaMs(ms: number): number {
  const day = new Date(ms);
  const midday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 4);
  return midday <= ms ? midday : midday - 86_400_000;
}

beforeAll(async () => {
  s = await startDispatchServer();
  // In daylight the model lets day-only aircraft fly, whatever the wall clock says.
  s.setNow(lastMiddayInChinaMs(Date.now()));
});

afterAll(async () => {
  await s.close();
});

async function newIncident(overrides: Record<string, unknown> = {}): Promise<number> {
  const response = await s.call("POST", "/api/v1/incidents", { body: incidentBody(overrides) });
  return response.json.id;
}

async function assign(incidentId: number, aircraftId: number, extra: Record<string, unknown> = {}) {
  return s.call("POST", "/api/v1/missions", { body: { incidentId, aircraftId, ...extra }, token: s.tokens.dispatcher });
}

async function setStatus(missionId: number, status: string) {
  return s.call("POST", `/api/v1/missions/${missionId}/status`, { body: { status }, token: s.tokens.dispatcher, language: "en" });
}

describe("mission assignment", () => {
  it("dispatches an aircraft with a timeline", async () => {
    const incidentId = await newIncident();
    const aircraftId = await s.aircraftId("B-7Z26");
    const created = await assign(incidentId, aircraftId);

    expect(created.status).toBe(201);
    expect(created.json.status).toBe("dispatched");
    expect(created.json.registration).toBe("B-7Z26");
    expect(created.json.estimatedEtaMin).toBeGreaterThan(0);
    expect(created.json.dispatchedAt).toBe(new Date(s.now()).toISOString());
    expect(created.json.timeline.map((e: { fromStatus: string | null; toStatus: string }) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "requested"],
      ["requested", "dispatched"],
    ]);
    expect(created.json.timeline[0].actor).toBe("test dispatcher");
    expect(await s.aircraftStatus(aircraftId)).toBe("on_mission");

    await setStatus(created.json.id, "cancelled");
    expect(await s.aircraftStatus(aircraftId)).toBe("available");
  });

  it("rejects an aircraft the model says cannot go", async () => {
    // Near the north-east corner of the service region, beyond the Bell 412's endurance there and back.
    const incidentId = await newIncident({ geometry: { type: "Point", coordinates: [111.0, 42.5] } });
    const aircraftId = await s.aircraftId("B-7Z41");
    const rejected = await s.call("POST", "/api/v1/missions", { body: { incidentId, aircraftId }, token: s.tokens.dispatcher, language: "en" });

    expect(rejected.status).toBe(422);
    expect(rejected.json.error.code).toBe("aircraft_unable");
    expect(rejected.json.error.field).toBe("aircraftId");
    expect(rejected.json.error.message).toMatch(/out_of_range|endurance/);
    expect(await s.aircraftStatus(aircraftId)).toBe("available");
  });

  it("records an override of the model", async () => {
    const incidentId = await newIncident({ geometry: { type: "Point", coordinates: [111.0, 42.5] } });
    const aircraftId = await s.aircraftId("B-7Z41");
    const created = await assign(incidentId, aircraftId, { override: true, note: "ferry via Hohhot" });

    expect(created.status).toBe(201);
    expect(created.json.timeline[0].note).toMatch(/^override:(out_of_range|endurance)/);
    expect(created.json.timeline[0].note).toContain("ferry via Hohhot");
    await setStatus(created.json.id, "cancelled");
  });

  it("rejects an aircraft already on a mission", async () => {
    const incidentId = await newIncident();
    const aircraftId = await s.aircraftId("B-7Z41");
    const first = await assign(incidentId, aircraftId);
    const second = await assign(incidentId, aircraftId);

    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe("aircraft_busy");
    expect(second.json.error.field).toBe("aircraftId");
    expect(second.json.error.message).toContain(String(first.json.id));
    await setStatus(first.json.id, "cancelled");
  });

  it("rejects an aircraft in maintenance", async () => {
    const response = await assign(await newIncident(), await s.aircraftId("B-7Z71"));

    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe("aircraft_unavailable");
  });

  it("rejects unknown references by field", async () => {
    const incidentId = await newIncident();
    const badAircraft = await assign(incidentId, 999999);
    const badIncident = await assign(999999, await s.aircraftId("B-7Z25"));
    const badRoute = await assign(incidentId, await s.aircraftId("B-7Z25"), { patrolRouteId: 999999 });

    expect(badAircraft.status).toBe(422);
    expect(badAircraft.json.error.field).toBe("aircraftId");
    expect(badIncident.status).toBe(422);
    expect(badIncident.json.error.field).toBe("incidentId");
    expect(badRoute.status).toBe(422);
    expect(badRoute.json.error.field).toBe("patrolRouteId");
    expect(await s.aircraftStatus(await s.aircraftId("B-7Z25"))).toBe("available");
  });

  it("rejects a viewer", async () => {
    const response = await s.call("POST", "/api/v1/missions", {
      body: { incidentId: await newIncident(), aircraftId: await s.aircraftId("B-7Z25") },
      token: s.tokens.viewer,
    });

    expect(response.status).toBe(403);
  });

  it("rejects a partner aircraft without a loan", async () => {
    const incidentId = await newIncident();
    const alxaMi171 = await s.aircraftId("B-7Z72");
    const response = await s.call("POST", "/api/v1/missions", { body: { incidentId, aircraftId: alxaMi171 }, token: s.tokens.dispatcher, language: "en" });

    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe("aircraft_not_at_disposal");
    expect(response.json.error.field).toBe("aircraftId");
    expect(response.json.error.value).toBe(alxaMi171);
    expect(response.json.error.message).toContain("B-7Z72");
    expect(response.json.error.message).toContain("mutual aid");
    expect(await s.aircraftStatus(alxaMi171)).toBe("available");

    const zh = await s.call("POST", "/api/v1/missions", { body: { incidentId, aircraftId: alxaMi171 }, token: s.tokens.dispatcher });
    expect(zh.json.error.message).toBe("aircraftId：航空器 B-7Z72 目前归阿拉善盟调度，不在巴彦淖尔市的调度范围内；请先通过区域互助借调");
  });

  it("rejects a partner aircraft for a home-city admin", async () => {
    const response = await s.call("POST", "/api/v1/missions", { body: { incidentId: await newIncident(), aircraftId: await s.aircraftId("B-7Z72") } });

    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe("aircraft_not_at_disposal");
  });

  it("dispatches a partner aircraft only while on loan", async () => {
    const alxaMi171 = await s.aircraftId("B-7Z72");
    const bayannurCoordinator = await s.tokenOf("coordinator", "bayannur");
    const alxaCoordinator = await s.tokenOf("coordinator", "alxa");
    const candidateOf = async (incidentId: number) => {
      const report = await s.call("GET", `/api/v1/incidents/${incidentId}/candidates?includeIncapable=true`, { token: s.tokens.dispatcher });
      return report.json.candidates.find((candidate: { aircraftId: number }) => candidate.aircraftId === alxaMi171);
    };

    const before = await newIncident();
    expect(await candidateOf(before)).toMatchObject({ city: "alxa", servingCity: "alxa", atDisposal: false, disposalReason: "needs_mutual_aid" });

    const requested = await s.call("POST", "/api/v1/mutual-aid/requests", { body: { lendingCity: "alxa", aircraftId: alxaMi171 }, token: bayannurCoordinator });
    expect(requested.status).toBe(201);
    expect((await s.call("POST", `/api/v1/mutual-aid/requests/${requested.json.id}/approve`, { body: {}, token: alxaCoordinator })).status).toBe(200);

    const during = await newIncident();
    expect(await candidateOf(during)).toMatchObject({ city: "alxa", servingCity: "bayannur", atDisposal: true, disposalReason: null });
    const onLoan = await assign(during, alxaMi171);
    expect(onLoan.status).toBe(201);
    expect(onLoan.json.registration).toBe("B-7Z72");
    const ownerDispatch = await s.call("POST", "/api/v1/missions", { body: { incidentId: during, aircraftId: alxaMi171 }, token: await s.tokenOf("dispatcher", "alxa") });
    expect(ownerDispatch.status).toBe(403);
    expect(ownerDispatch.json.error.code).toBe("aircraft_not_at_disposal");

    // Neither city may end the loan while the aircraft flies the borrower's mission.
    for (const token of [bayannurCoordinator, alxaCoordinator]) {
      const early = await s.call("POST", `/api/v1/mutual-aid/requests/${requested.json.id}/return`, { body: {}, token, language: "en" });
      expect(early.status).toBe(409);
      expect(early.json.error).toMatchObject({ code: "loan_aircraft_on_mission", field: "aircraftId", value: "B-7Z72", expected: String(onLoan.json.id) });
      expect(early.json.error.message).toBe(`aircraftId: the loaned aircraft "B-7Z72" is flying mission ${onLoan.json.id}; return it when the mission ends`);
    }
    await setStatus(onLoan.json.id, "cancelled");

    expect((await s.call("POST", `/api/v1/mutual-aid/requests/${requested.json.id}/return`, { body: {}, token: bayannurCoordinator })).status).toBe(200);
    const after = await newIncident();
    expect(await candidateOf(after)).toMatchObject({ atDisposal: false, disposalReason: "needs_mutual_aid" });
    const returned = await assign(after, alxaMi171);
    expect(returned.status).toBe(403);
    expect(returned.json.error.code).toBe("aircraft_not_at_disposal");
  });

  it("lets one of two concurrent dispatchers win", async () => {
    const aircraftId = await s.aircraftId("B-7Z26");
    for (let round = 0; round < 5; round++) {
      const incidentA = await newIncident();
      const incidentB = await newIncident();
      const post = (incidentId: number) =>
        fetch(`${s.url}/api/v1/missions`, {
          method: "POST",
          headers: { authorization: `Bearer ${s.tokens.dispatcher}`, "content-type": "application/json" },
          body: JSON.stringify({ incidentId, aircraftId }),
        });

      const responses = await Promise.all([post(incidentA), post(incidentB)]);
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409]);

      const active = await s.database.sql<{ id: number }[]>`
        SELECT id FROM missions WHERE aircraft_id = ${aircraftId} AND status IN ('requested', 'dispatched', 'airborne', 'on_scene', 'returning')`;
      expect(active.length).toBe(1);
      const loser = await responses.find((r) => r.status === 409)!.json();
      expect(loser.error.code).toBe("aircraft_busy");
      // The row lock made the loser wait and then read the winner's mission.
      expect(loser.error.expected).toBe(String(active[0]!.id));
      await setStatus(active[0]!.id, "cancelled");
    }
  });

  it("enforces one active mission per aircraft in the database", async () => {
    const aircraftId = await s.aircraftId("B-7Z33");
    const incidentId = await newIncident();
    await s.database.sql`INSERT INTO missions (incident_id, aircraft_id, status, created_by, city) VALUES (${incidentId}, ${aircraftId}, 'dispatched', 'test', 'bayannur')`;

    await expect(
      s.database.sql`INSERT INTO missions (incident_id, aircraft_id, status, created_by, city) VALUES (${incidentId}, ${aircraftId}, 'requested', 'test', 'bayannur')`,
    ).rejects.toThrow(/missions_active_aircraft_key/);
    await s.database.sql`UPDATE missions SET status = 'cancelled' WHERE aircraft_id = ${aircraftId}`;
  });

  it("rejects a closed incident", async () => {
    const incidentId = await newIncident();
    await s.call("POST", `/api/v1/incidents/${incidentId}/close`, { body: {} });
    const response = await assign(incidentId, await s.aircraftId("B-7Z25"));

    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe("incident_closed");
  });

  it("keeps an incident open while a mission is active", async () => {
    const incidentId = await newIncident();
    const mission = await assign(incidentId, await s.aircraftId("B-7Z25"));
    const close = await s.call("POST", `/api/v1/incidents/${incidentId}/close`, { body: {} });

    expect(close.status).toBe(409);
    expect(close.json.error.code).toBe("incident_has_active_missions");
    await setStatus(mission.json.id, "cancelled");
  });
});

describe("manual status", () => {
  it("walks every allowed transition by hand", async () => {
    const aircraftId = await s.aircraftId("B-3Z12");
    const incidentId = await newIncident({ kind: "medical_evacuation", geometry: { type: "Point", coordinates: linheLonLat } });
    const created = await assign(incidentId, aircraftId, { status: "requested" });
    expect(created.json.status).toBe("requested");
    expect(created.json.dispatchedAt).toBeNull();

    const path = ["dispatched", "airborne", "on_scene", "returning", "on_scene", "landed", "closed"];
    for (const status of path) {
      const response = await setStatus(created.json.id, status);
      expect(response.status, status).toBe(200);
      expect(response.json.status).toBe(status);
      const expectedAircraft = ["landed", "closed"].includes(status) ? "available" : "on_mission";
      expect(await s.aircraftStatus(aircraftId), status).toBe(expectedAircraft);
    }

    const mission = await s.call("GET", `/api/v1/missions/${created.json.id}`, { token: s.tokens.viewer });
    const steps = mission.json.timeline.map((e: { toStatus: string }) => e.toStatus);
    expect(steps).toEqual(["requested", ...path]);
    expect(mission.json.timeline.every((e: { actor: string }) => e.actor === "test dispatcher")).toBe(true);
    expect(mission.json.arrivalMin).toBe(0);
    expect(mission.json.endedAt).not.toBeNull();
  });

  it("lets only the mission's city change it by hand", async () => {
    const incidentId = await newIncident();
    const created = await assign(incidentId, await s.aircraftId("B-7Z26"));
    expect(created.json.city).toBe("bayannur");

    const ordos = await s.call("POST", `/api/v1/missions/${created.json.id}/status`, {
      body: { status: "cancelled" },
      token: await s.tokenOf("dispatcher", "ordos"),
      language: "en",
    });
    expect(ordos.status).toBe(403);
    expect(ordos.json.error).toMatchObject({ code: "forbidden_city", value: "bayannur", expected: "ordos" });
    expect((await s.call("GET", `/api/v1/missions/${created.json.id}`, { token: s.tokens.viewer })).json.status).toBe("dispatched");

    expect((await setStatus(created.json.id, "cancelled")).status).toBe(200);
  });

  it("allows airborne to returning and landed", async () => {
    const created = await assign(await newIncident(), await s.aircraftId("B-7Z31"), {});
    for (const status of ["airborne", "returning", "landed"]) {
      expect((await setStatus(created.json.id, status)).status, status).toBe(200);
    }
  });

  it("cancels a requested mission", async () => {
    const created = await assign(await newIncident(), await s.aircraftId("B-7Z31"), { status: "requested" });
    const cancelled = await setStatus(created.json.id, "cancelled");

    expect(cancelled.json.status).toBe("cancelled");
    expect(cancelled.json.endedAt).not.toBeNull();
  });

  it("rejects transitions that are not allowed", async () => {
    const created = await assign(await newIncident(), await s.aircraftId("B-7Z31"));
    const skip = await setStatus(created.json.id, "on_scene");

    expect(skip.status).toBe(409);
    expect(skip.json.error.code).toBe("invalid_transition");
    expect(skip.json.error.message).toBe("status: mission status cannot change to \"on_scene\"; allowed from here: airborne | cancelled");

    await setStatus(created.json.id, "airborne");
    const cancelAirborne = await setStatus(created.json.id, "cancelled");
    expect(cancelAirborne.status).toBe(409);

    await setStatus(created.json.id, "landed");
    await setStatus(created.json.id, "closed");
    const reopen = await setStatus(created.json.id, "airborne");
    expect(reopen.status).toBe(409);
    expect(reopen.json.error.message).toContain("(none)");
  });

  it("rejects an unknown status by name", async () => {
    const created = await assign(await newIncident(), await s.aircraftId("B-7Z31"));
    const response = await setStatus(created.json.id, "hovering");

    expect(response.status).toBe(422);
    expect(response.json.error.field).toBe("status");
    await setStatus(created.json.id, "cancelled");
  });

  it("lists active missions", async () => {
    const created = await assign(await newIncident(), await s.aircraftId("B-7Z31"));
    const active = await s.call("GET", "/api/v1/missions?active=true", { token: s.tokens.viewer });

    expect(active.json.items.map((m: { id: number }) => m.id)).toContain(created.json.id);
    expect(active.json.items.every((m: { status: string }) => !["landed", "closed", "cancelled"].includes(m.status))).toBe(true);
    await setStatus(created.json.id, "cancelled");
  });

  it("lists the active mission of one aircraft", async () => {
    const aircraftId = await s.aircraftId("B-7Z31");
    const otherId = await s.aircraftId("B-7Z41");
    const ended = await assign(await newIncident(), aircraftId);
    await setStatus(ended.json.id, "cancelled");
    const current = await assign(await newIncident(), aircraftId);
    const other = await assign(await newIncident(), otherId);

    const active = await s.call("GET", `/api/v1/missions?aircraftId=${aircraftId}&active=true`, { token: s.tokens.viewer });
    const all = await s.call("GET", `/api/v1/missions?aircraftId=${aircraftId}`, { token: s.tokens.viewer });

    expect(active.status).toBe(200);
    expect(active.json.items.map((m: { id: number }) => m.id)).toEqual([current.json.id]);
    expect(active.json.total).toBe(1);
    // Earlier tests in this file gave B-7Z31 other missions, all ended now.
    expect(all.json.items.map((m: { id: number }) => m.id).slice(0, 2)).toEqual([current.json.id, ended.json.id]);
    expect(all.json.items.every((m: { aircraftId: number }) => m.aircraftId === aircraftId)).toBe(true);
    expect(all.json.items.map((m: { id: number }) => m.id)).not.toContain(other.json.id);
    await setStatus(current.json.id, "cancelled");
    await setStatus(other.json.id, "cancelled");
  });

  it("rejects an invalid aircraftId filter", async () => {
    const response = await s.call("GET", "/api/v1/missions?aircraftId=abc", { token: s.tokens.viewer, language: "en" });

    expect(response.status).toBe(400);
    expect(response.json.error.field).toBe("aircraftId");
  });
});
