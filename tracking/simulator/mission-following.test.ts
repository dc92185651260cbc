import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestServer } from "../../api/test/server.js";
import { quietLogger } from "../sources/test-support.js";
import type { TcpListenerSource } from "../sources/tcp-listener.js";
import { buildDemoFleet, loadDemoData } from "./fleet.js";
import type { SimulatedAircraft } from "./flight.js";
import { GeodesicPath } from "./geodesic-path.js";
import { ApiMissionSource } from "./mission-source.js";
import { FleetSimulator } from "./simulator.js";

// The real service with tracking and its dispatch rules, fed by the
// simulator over TCP. The simulator learns the mission through the HTTP API
// with a viewer token, and nothing sets a status by hand after dispatch.

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const linheBaseLonLat: [number, number] = [107.74093, 40.926358];
// 15 km north of the Linhe base: outside the bases' 4 km surroundings and
// inside tracking's 25 km leave radius, so the mission lands from on_scene.
const incidentLonLat: [number, number] = [107.74093, 41.061458];

const demoFleet = buildDemoFleet(await loadDemoData(new URL("../../data/", import.meta.url)));

// BYNR01 as the demo flies it, but on a short patrol out of the Linhe base
// (5 km west and back), so the test does not depend on where the long demo
// route would have taken it.
const bynr01: SimulatedAircraft = {
  ...demoFleet.find((aircraft) => aircraft.callsign === "BYNR01")!,
  path: new GeodesicPath([linheBaseLonLat, [107.68, 40.926358], linheBaseLonLat]),
  startOffsetM: 0,
};

let server: TestServer;
let simulator: FleetSimulator | null = null;

beforeAll(async () => {
  server = await startTestServer({ tracking: {} });
});

afterAll(async () => {
  await simulator?.stop();
  await server.close();
});

async function addListener(config: Record<string, unknown>): Promise<number> {
  const source = (await server.tracking!.registry.add({ transport: "tcp-listener", host: "127.0.0.1", port: 0, ...config })) as TcpListenerSource;
  return source.address().port;
}

async function missionStatus(id: number): Promise<string> {
  return (await server.call("GET", `/api/v1/missions/${id}`)).json.status as string;
}

/** Polls the mission every 50 ms until it has `status`; throws after `timeoutMs`. */
async function waitForStatus(id: number, status: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await missionStatus(id);
  while (seen !== status) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for mission ${id} to be ${status}; it is ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await missionStatus(id);
  }
}

describe("simulator following a mission", () => {
  it("flies it from dispatch to landing", { timeout: 90_000 }, async () => {
    const avrPort = await addListener({ id: "sim-avr", format: "avr" });
    const sbsPort = await addListener({ id: "sim-sbs", format: "sbs", sbsUtcOffsetMin: 0 });
    simulator = new FleetSimulator({
      aircraft: [bynr01],
      outputs: [
        { format: "avr", host: "127.0.0.1", port: avrPort },
        { format: "sbs", host: "127.0.0.1", port: sbsPort },
      ],
      // 50 simulated seconds per second: 160 m per tick at 20 Hz, under the track table's jump limit.
      rateHz: 20,
      timeFactor: 50,
      missions: new ApiMissionSource({ apiUrl: server.url, token: server.tokens.viewer }),
      missionPollIntervalMs: 100,
      missionFlight: { holdOnSceneS: 60 },
      logger: quietLogger,
    });
    simulator.start();

    const incident = await server.call("POST", "/api/v1/incidents", {
      body: { kind: "medical_evacuation", priority: 1, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: incidentLonLat } },
      token: server.tokens.dispatcher,
    });
    expect(incident.status).toBe(201);
    const aircraftRows = await server.database.sql<{ id: number }[]>`SELECT id FROM aircraft WHERE registration = 'B-7Z41'`;
    const created = await server.call("POST", "/api/v1/missions", {
      // The response-time model may rule out night flights; this test covers the flight, not that check.
      body: { incidentId: incident.json.id, aircraftId: aircraftRows[0]!.id, override: true },
      token: server.tokens.dispatcher,
    });
    expect(created.status).toBe(201);
    const missionId = created.json.id as number;

    await waitForStatus(missionId, "on_scene");
    await waitForStatus(missionId, "landed");

    const landed = (await server.call("GET", `/api/v1/missions/${missionId}`)).json;
    const linheRows = await server.database.sql<{ id: number }[]>`SELECT id FROM bases WHERE code = 'BYN-LINHE'`;
    const timeline = landed.timeline as Array<{ toStatus: string; actor: string }>;

    expect(timeline.map((event) => event.toStatus)).toEqual(["requested", "dispatched", "airborne", "on_scene", "landed"]);
    expect(timeline.slice(2).every((event) => event.actor === "tracking")).toBe(true);
    expect(landed.onSceneAt).not.toBeNull();
    expect(landed.landedBaseId).toBe(linheRows[0]!.id);
  });
});
