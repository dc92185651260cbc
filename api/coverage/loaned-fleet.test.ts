import { beforeAll, describe, expect, it } from "vitest";

import { seedDemo } from "../../scripts/seed.js";
import { createUserAndLogIn } from "../auth/users/test-users.js";
import { testApp } from "../test/app.js";

const t = await testApp();
await seedDemo(t.database);

const tokens = {} as Record<"bayannurCoordinator" | "ordosCoordinator" | "bayannurViewer" | "ordosViewer", string>;
let aw139Id: number;

beforeAll(async () => {
  tokens.bayannurCoordinator = (await createUserAndLogIn(t, { role: "coordinator", city: "bayannur" })).token;
  tokens.ordosCoordinator = (await createUserAndLogIn(t, { role: "coordinator", city: "ordos" })).token;
  tokens.bayannurViewer = (await createUserAndLogIn(t, { role: "viewer", city: "bayannur" })).token;
  tokens.ordosViewer = (await createUserAndLogIn(t, { role: "viewer", city: "ordos" })).token;

  const fleet = await t.call("GET", "/api/v1/aircraft?limit=1000");
  aw139Id = fleet.json.items.find((item: { registration: string }) => item.registration === "B-7Z39").id;
});

// The aircraft ids in the own-city coverage of the token's city; a coarse grid keeps it quick.
async function ownFleetIds(token: string): Promise<number[]> {
  const res = await t.call("GET", "/api/v1/coverage?cities=own&groupBy=none&cellSizeM=10000&night=false", { token });
  expect(res.status).toBe(200);
  return res.json.aircraft.map((item: { aircraftId: number }) => item.aircraftId);
}

async function step(token: string, requestId: number, action: string) {
  const res = await t.call("POST", `/api/v1/mutual-aid/requests/${requestId}/${action}`, { token, body: {} });
  expect(res.status).toBe(200);
}

describe("coverage fleet with mutual-aid loans", () => {
  it("counts a lent aircraft for the borrower only", async () => {
    const created = await t.call("POST", "/api/v1/mutual-aid/requests", {
      token: tokens.bayannurCoordinator,
      body: { lendingCity: "ordos", aircraftId: aw139Id },
    });
    expect(created.status).toBe(201);
    const requestId = created.json.id;

    // A request alone moves nothing.
    expect(await ownFleetIds(tokens.bayannurViewer)).not.toContain(aw139Id);
    expect(await ownFleetIds(tokens.ordosViewer)).toContain(aw139Id);

    await step(tokens.ordosCoordinator, requestId, "approve");
    expect(await ownFleetIds(tokens.bayannurViewer)).toContain(aw139Id);
    expect(await ownFleetIds(tokens.ordosViewer)).not.toContain(aw139Id);

    await step(tokens.bayannurCoordinator, requestId, "return");
    expect(await ownFleetIds(tokens.bayannurViewer)).not.toContain(aw139Id);
    expect(await ownFleetIds(tokens.ordosViewer)).toContain(aw139Id);
  });

  it("keeps a lent aircraft in a selection of all cities", async () => {
    const created = await t.call("POST", "/api/v1/mutual-aid/requests", {
      token: tokens.bayannurCoordinator,
      body: { lendingCity: "ordos", aircraftId: aw139Id },
    });
    await step(tokens.ordosCoordinator, created.json.id, "approve");

    const res = await t.call("GET", "/api/v1/coverage?cities=all&groupBy=none&cellSizeM=10000&night=false", { token: tokens.ordosViewer });
    expect(res.status).toBe(200);
    const lent = res.json.aircraft.find((item: { aircraftId: number }) => item.aircraftId === aw139Id);
    expect(lent.city).toBe("ordos");
  });
});
