import { beforeAll, describe, expect, it } from "vitest";

import { seedDemo } from "../../scripts/seed.js";
import { createUserAndLogIn } from "../auth/users/test-users.js";
import { testApp } from "../test/app.js";
import { aircraftBody } from "../test/factories.js";

const t = await testApp();
await seedDemo(t.database);

const tokens = {} as Record<"bayannur" | "ordos" | "wuhaiViewer", string>;
const aircraftIds = new Map<string, number>();
const baseIds = new Map<string, number>();

interface ShareDelta {
  before: number;
  after: number;
  delta: number;
}

beforeAll(async () => {
  tokens.bayannur = (await createUserAndLogIn(t, { role: "coordinator", city: "bayannur" })).token;
  tokens.ordos = (await createUserAndLogIn(t, { role: "coordinator", city: "ordos" })).token;
  tokens.wuhaiViewer = (await createUserAndLogIn(t, { role: "viewer", city: "wuhai" })).token;

  const fleet = await t.call("GET", "/api/v1/aircraft?limit=1000");
  for (const item of fleet.json.items) {
    aircraftIds.set(item.registration, item.id);
  }
  const bases = await t.call("GET", "/api/v1/bases");
  for (const feature of bases.json.features) {
    baseIds.set(feature.properties.code, feature.properties.id ?? feature.id);
  }
});

async function requestLoan(aircraftId: number): Promise<number> {
  const res = await t.call("POST", "/api/v1/mutual-aid/requests", { token: tokens.bayannur, body: { lendingCity: "ordos", aircraftId } });
  expect(res.status).toBe(201);
  return res.json.id;
}

async function impact(requestId: number, query = "", token = tokens.bayannur) {
  const startedMs = performance.now();
  const res = await t.call("GET", `/api/v1/mutual-aid/requests/${requestId}/coverage-impact?night=false${query}`, { token });
  const elapsedMs = performance.now() - startedMs;
  return { ...res, elapsedMs };
}

function logImpact(label: string, body: { borrower: { shareOfArea: ShareDelta }; lender: { shareOfArea: ShareDelta } }, elapsedMs: number) {
  const format = (share: ShareDelta) => `${share.before} -> ${share.after} (${share.delta >= 0 ? "+" : ""}${share.delta})`;
  console.log(`${label}: bayannur ${format(body.borrower.shareOfArea)}, ordos ${format(body.lender.shareOfArea)}, ${elapsedMs.toFixed(0)} ms`);
}

function expectSharesInRange(side: { shareOfArea: ShareDelta; riskAreasTotal: { shareOfArea: ShareDelta; riskWeightedShare: ShareDelta }; riskAreas: ShareDelta[] }) {
  const shares = [side.shareOfArea, side.riskAreasTotal.shareOfArea, side.riskAreasTotal.riskWeightedShare, ...side.riskAreas];
  for (const share of shares) {
    for (const value of [share.before, share.after]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  }
}

// Adds an Ordos helicopter based at a Bayannur base, so that lending it moves coverage on both sides.
async function addOrdosHelicopterAt(baseCode: string): Promise<number> {
  const body = aircraftBody({ registration: "B-9Z01", icaoAddress: null, callsign: null, city: "ordos", typeId: "aw139", homeBaseId: baseIds.get(baseCode) });
  const res = await t.call("POST", "/api/v1/aircraft", { body });
  expect(res.status).toBe(201);
  return res.json.id;
}

describe("GET /api/v1/mutual-aid/requests/:id/coverage-impact", () => {
  let airportRequestId: number;

  beforeAll(async () => {
    airportRequestId = await requestLoan(aircraftIds.get("B-7Z39")!);
  });

  // The own fleet reaches all of Bayannur within 120 minutes, and the lent
  // aircraft flies from its home base at the Ordos airport, so Bayannur gains nothing.
  it("leaves a fully covered borrower unchanged", async () => {
    const res = await impact(airportRequestId);
    expect(res.status).toBe(200);
    logImpact("AW139 at ZBDS, 120 min", res.json, res.elapsedMs);

    const { borrower, lender, aircraft } = res.json;
    expect(aircraft).toMatchObject({ aircraftId: aircraftIds.get("B-7Z39"), ownerCity: "ordos", chosenBy: "request", counted: true });
    expect(borrower).toMatchObject({ city: "bayannur", adcode: "150800" });
    expect(borrower.shareOfArea).toEqual({ before: 1, after: 1, delta: 0 });
    expect(borrower.gained.cells).toBe(0);
    expect(borrower.aircraftIds.after).toContain(aircraft.aircraftId);
    expect(borrower.aircraftIds.before).not.toContain(aircraft.aircraftId);

    expect(lender).toMatchObject({ city: "ordos", adcode: "150600" });
    expect(lender.shareOfArea.after).toBeLessThan(lender.shareOfArea.before);
    expect(lender.lost.areaKm2).toBeGreaterThan(0);
    expect(lender.gained.cells).toBe(0);
    expect(lender.aircraftIds.before).toContain(aircraft.aircraftId);
    expect(lender.aircraftIds.after).not.toContain(aircraft.aircraftId);
    expectSharesInRange(borrower);
    expectSharesInRange(lender);
  });

  it("raises the borrower's share and lowers the lender's", async () => {
    const aircraftId = await addOrdosHelicopterAt("BYN-DENGKOU");
    const requestId = await requestLoan(aircraftId);

    const res = await impact(requestId, "&targetMin=60");
    expect(res.status).toBe(200);
    logImpact("AW139 at BYN-DENGKOU, 60 min", res.json, res.elapsedMs);

    const { borrower, lender } = res.json;
    expect(borrower.shareOfArea.after).toBeGreaterThan(borrower.shareOfArea.before);
    expect(borrower.shareOfArea.delta).toBeGreaterThan(0);
    expect(borrower.gained.areaKm2).toBeGreaterThan(0);
    expect(borrower.lost.cells).toBe(0);
    expect(borrower.riskAreasTotal.riskWeightedShare.delta).toBeGreaterThanOrEqual(0);
    expect(lender.shareOfArea.after).toBeLessThan(lender.shareOfArea.before);
    expect(lender.shareOfArea.delta).toBeLessThan(0);
    expect(lender.lost.areaKm2).toBeGreaterThan(0);
    expectSharesInRange(borrower);
    expectSharesInRange(lender);

    // Only the risk areas that overlap Ordos count for it, and only their part inside it.
    const floodBanks = lender.riskAreas.find((area: { nameEn: string }) => area.nameEn === "Yellow River flood banks");
    const floodBanksInBayannur = borrower.riskAreas.find((area: { nameEn: string }) => area.nameEn === "Yellow River flood banks");
    expect(floodBanks.areaKm2InCity).toBeGreaterThan(0);
    expect(floodBanksInBayannur.areaKm2InCity).toBeGreaterThan(0);
    expect(lender.riskAreas.length).toBeLessThan(borrower.riskAreas.length);
  });

  it("reports the same impact once the loan is approved", async () => {
    // Measured again here, because the test above added an Ordos helicopter.
    const requested = await impact(airportRequestId);
    const approved = await t.call("POST", `/api/v1/mutual-aid/requests/${airportRequestId}/approve`, { token: tokens.ordos, body: {} });
    expect(approved.status).toBe(200);

    const res = await impact(airportRequestId, "", tokens.ordos);
    expect(res.status).toBe(200);
    expect(res.json.request.status).toBe("approved");
    expect(res.json.borrower.shareOfArea).toEqual(requested.json.borrower.shareOfArea);
    expect(res.json.lender.shareOfArea).toEqual(requested.json.lender.shareOfArea);
    expect(res.json.lender.aircraftIds).toEqual(requested.json.lender.aircraftIds);
  });

  it("picks the first suitable aircraft for an open request", async () => {
    const created = await t.call("POST", "/api/v1/mutual-aid/requests", {
      token: tokens.bayannur,
      body: { lendingCity: "ordos", category: "helicopter", capabilities: ["hoist", "night"] },
    });
    expect(created.status).toBe(201);

    const res = await impact(created.json.id);
    expect(res.status).toBe(200);
    // The AW139 is on loan since the test above, so the Ka-32 is the first suitable one.
    expect(res.json.aircraft).toMatchObject({ aircraftId: aircraftIds.get("B-7Z33"), chosenBy: "first_suitable" });
  });

  it("rejects an open request that no aircraft meets", async () => {
    const created = await t.call("POST", "/api/v1/mutual-aid/requests", {
      token: tokens.bayannur,
      body: { lendingCity: "ordos", category: "fixed_wing" },
    });

    const res = await impact(created.json.id);
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: "no_suitable_aircraft", field: "lendingCity", value: "ordos", expected: "fixed_wing" });
  });

  it("counts nothing for an aircraft in maintenance", async () => {
    const requestId = await requestLoan(aircraftIds.get("B-7Z33")!);
    await t.call("PATCH", `/api/v1/aircraft/${aircraftIds.get("B-7Z33")}`, { body: { status: "maintenance" } });

    const res = await impact(requestId);
    await t.call("PATCH", `/api/v1/aircraft/${aircraftIds.get("B-7Z33")}`, { body: { status: "available" } });
    expect(res.status).toBe(200);
    expect(res.json.aircraft).toMatchObject({ status: "maintenance", counted: false });
    expect(res.json.borrower.shareOfArea.delta).toBe(0);
    expect(res.json.lender.shareOfArea.delta).toBe(0);
    expect(res.json.lender.lost.cells).toBe(0);
  });

  it("returns 404 for an unknown request", async () => {
    const res = await impact(999_999);
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({ code: "not_found", field: "id", value: 999_999 });
  });

  it("follows the mutual-aid read rules", async () => {
    const viewer = await impact(airportRequestId, "", tokens.wuhaiViewer);
    expect(viewer.status).toBe(200);

    const feed = await impact(airportRequestId, "", t.tokens.feed);
    expect(feed.status).toBe(403);
  });

  it("validates the query", async () => {
    const unknownField = await impact(airportRequestId, "&cities=all");
    expect(unknownField.status).toBe(400);

    const tooFine = await impact(airportRequestId, "&cellSizeM=10");
    expect(tooFine.status).toBe(400);
    expect(tooFine.json.error.field).toBe("cellSizeM");
  });
});
