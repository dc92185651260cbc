import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";

import { incidentBody } from "../test/factories.js";
import { observation, waitFor } from "../test/flight.js";
import { collectFrames } from "../test/frames.js";
import { startDispatchServer, type DispatchServer } from "../test/server.js";

interface MissionFrame {
  type: "mission";
  mission: { id: number; status: string; registration: string; timeline: Array<{ toStatus: string; actor: string }> };
}

let s: DispatchServer;
let socket: WebSocket;
let frames: MissionFrame[];

beforeAll(async () => {
  s = await startDispatchServer();
  // A viewer: mission frames go to every signed-in role, as GET /missions does.
  ({ socket, frames } = await collectFrames<MissionFrame>(s.wsUrl, s.tokens.viewer, "mission"));
});

afterAll(async () => {
  socket.close();
  await s.close();
});

async function frameWith(missionId: number, status: string): Promise<MissionFrame> {
  return waitFor(() => frames.find((frame) => frame.mission.id === missionId && frame.mission.status === status));
}

describe("mission frames", () => {
  it("sends creation, tracking and manual changes", async () => {
    const incident = await s.call("POST", "/api/v1/incidents", { body: incidentBody() });
    const created = await s.call("POST", "/api/v1/missions", {
      body: { incidentId: incident.json.id, aircraftId: await s.aircraftId("B-7Z26"), override: true },
      token: s.tokens.dispatcher,
    });
    expect(created.status).toBe(201);
    const id = created.json.id as number;

    const dispatched = await frameWith(id, "dispatched");
    expect(dispatched.mission.registration).toBe("B-7Z26");
    expect(dispatched.mission.timeline.map((event) => event.toStatus)).toEqual(["requested", "dispatched"]);

    // Take-off seen by tracking: B-7Z26 (7BFE07) airborne over its Gongmiaozi base.
    await s.feed(observation("7BFE07", { lonLat: [108.998835, 40.614366], timeMs: s.now() + 60_000 }, { onGround: false, groundSpeedKmh: 150, altitudeM: 1300 }));
    const airborne = await frameWith(id, "airborne");
    expect(airborne.mission.timeline.at(-1)).toMatchObject({ toStatus: "airborne", actor: "tracking" });

    const manual = await s.call("POST", `/api/v1/missions/${id}/status`, { body: { status: "returning" }, token: s.tokens.dispatcher });
    expect(manual.status).toBe(200);
    const returning = await frameWith(id, "returning");
    expect(returning.mission.timeline.at(-1)).toMatchObject({ toStatus: "returning", actor: "test dispatcher" });
    expect(returning.mission).toEqual(manual.json);

    await s.call("POST", `/api/v1/missions/${id}/status`, { body: { status: "landed" }, token: s.tokens.dispatcher });
  });

  it("sends no frame for a rejected change", async () => {
    const incident = await s.call("POST", "/api/v1/incidents", { body: incidentBody() });
    const rejected = await s.call("POST", "/api/v1/missions", { body: { incidentId: incident.json.id, aircraftId: await s.aircraftId("B-7Z72") }, token: s.tokens.dispatcher });
    expect(rejected.status).toBe(403);

    // A later accepted change shows that frames still flow and none came for the rejected one.
    const accepted = await s.call("POST", "/api/v1/missions", { body: { incidentId: incident.json.id, aircraftId: await s.aircraftId("B-7Z41"), override: true }, token: s.tokens.dispatcher });
    await frameWith(accepted.json.id, "dispatched");
    expect(frames.filter((frame) => frame.mission.registration === "B-7Z72")).toEqual([]);
    await s.call("POST", `/api/v1/missions/${accepted.json.id}/status`, { body: { status: "cancelled" }, token: s.tokens.dispatcher });
  });
});
