import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { startTestServer } from "../test/server.js";
import { aircraftBody, aircraftTypeBody } from "../test/factories.js";
import { createUserAndLogIn } from "../auth/users/test-users.js";

interface Frame {
  type: string;
  event: string;
  request: { id: number; status: string };
}

let s: Awaited<ReturnType<typeof startTestServer>>;
let socket: WebSocket;
const frames: Frame[] = [];
const openSockets: WebSocket[] = [];

beforeAll(async () => {
  s = await startTestServer({ seed: false, tracking: {} });
});

afterAll(async () => {
  socket?.close();
  for (const other of openSockets) {
    other.close();
  }
  await s.close();
});

async function waitForFrame(event: string, requestId: number, received: Frame[] = frames) {
  const deadlineMs = Date.now() + 5000;
  while (Date.now() < deadlineMs) {
    const found = received.find((frame) => frame.event === event && frame.request.id === requestId);
    if (found) {
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${event} frame for request ${requestId} within 5 s`);
}

// Opens a console's socket and collects the mutual-aid and alert frames it receives.
async function listen(token: string): Promise<Frame[]> {
  const received: Frame[] = [];
  const client = new WebSocket(`${s.wsUrl}?token=${token}`);
  openSockets.push(client);
  client.on("message", (data) => {
    const message = JSON.parse(String(data));
    if (message.type === "mutual_aid" || message.type === "alert") {
      received.push(message);
    }
  });
  await new Promise((resolve, reject) => {
    client.once("open", resolve);
    client.once("error", reject);
  });
  return received;
}

// Calls the API over real HTTP, as the console does.
async function post(path: string, token: string, body: unknown) {
  const response = await fetch(`${s.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe("mutual-aid over WebSocket", () => {
  it("reaches a partner console logged in with a session", async () => {
    await s.call("POST", "/api/v1/aircraft-types", { body: aircraftTypeBody() });
    const aircraft = await s.call("POST", "/api/v1/aircraft", { body: aircraftBody({ city: "baotou" }) });
    const requester = await createUserAndLogIn(s, { role: "coordinator", city: "bayannur" });
    const lender = await createUserAndLogIn(s, { role: "coordinator", city: "baotou" });

    socket = new WebSocket(`${s.wsUrl}?token=${lender.token}`);
    socket.on("message", (data) => {
      const message = JSON.parse(String(data));
      if (message.type === "mutual_aid") {
        frames.push(message);
      }
    });
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });

    const requested = await post("/api/v1/mutual-aid/requests", requester.token, { lendingCity: "baotou", aircraftId: aircraft.json.id });
    expect(requested.status).toBe(201);
    expect((await waitForFrame("requested", requested.json.id)).request.status).toBe("requested");

    const approved = await post(`/api/v1/mutual-aid/requests/${requested.json.id}/approve`, lender.token, {});
    expect(approved.status).toBe(200);
    expect((await waitForFrame("approved", requested.json.id)).request.status).toBe("approved");
  });

  // The hub writes frames to a socket in the order they are published, so
  // once a socket has the frame of a later request it would also have had
  // the earlier one, had it been sent to it.
  it("reaches only the two cities and home admins", async () => {
    const baotouPlane = await s.call("POST", "/api/v1/aircraft", { body: aircraftBody({ city: "baotou", registration: "B-7Y01", icaoAddress: "7801B1" }) });
    const wuhaiPlane = await s.call("POST", "/api/v1/aircraft", { body: aircraftBody({ city: "wuhai", registration: "B-7Y02", icaoAddress: "7801B2" }) });
    const requester = await createUserAndLogIn(s, { role: "coordinator", city: "bayannur" });
    const lender = await createUserAndLogIn(s, { role: "coordinator", city: "baotou" });
    const bystander = await createUserAndLogIn(s, { role: "coordinator", city: "wuhai" });
    const partnerAdmin = await createUserAndLogIn(s, { role: "admin", city: "alxa" });
    const lenderViewer = await createUserAndLogIn(s, { role: "viewer", city: "baotou" });

    const toRequester = await listen(requester.token);
    const toLender = await listen(lender.token);
    const toLenderViewer = await listen(lenderViewer.token);
    const toBystander = await listen(bystander.token);
    const toPartnerAdmin = await listen(partnerAdmin.token);
    const toHomeAdmin = await listen(s.tokens.admin);

    const between = await post("/api/v1/mutual-aid/requests", requester.token, { lendingCity: "baotou", aircraftId: baotouPlane.json.id });
    expect(between.status).toBe(201);
    for (const received of [toRequester, toLender, toLenderViewer, toHomeAdmin]) {
      await waitForFrame("requested", between.json.id, received);
    }

    // Alxa's admin requests from Wuhai: that frame reaches the Wuhai bystander and the Alxa admin.
    const marker = await post("/api/v1/mutual-aid/requests", partnerAdmin.token, { lendingCity: "wuhai", aircraftId: wuhaiPlane.json.id });
    expect(marker.status).toBe(201);
    await waitForFrame("requested", marker.json.id, toBystander);
    await waitForFrame("requested", marker.json.id, toPartnerAdmin);
    await waitForFrame("requested", marker.json.id, toHomeAdmin);

    expect(toBystander.map((frame) => frame.request.id)).toEqual([marker.json.id]);
    expect(toPartnerAdmin.map((frame) => frame.request.id)).toEqual([marker.json.id]);
    expect(toHomeAdmin.map((frame) => frame.request.id)).toEqual([between.json.id, marker.json.id]);
  });

  // Feed tokens may not read mutual aid over REST, so their sockets get no
  // frames either. An alert acknowledgement goes to every socket, after
  // the request's frame, and marks the point by which that frame would have come.
  it("skips feed tokens", async () => {
    const plane = await s.call("POST", "/api/v1/aircraft", { body: aircraftBody({ city: "baotou", registration: "B-7Y03", icaoAddress: "7801B3" }) });
    const requester = await createUserAndLogIn(s, { role: "coordinator", city: "bayannur" });
    const toFeed = await listen(s.tokens.feed);
    const [alert] = await s.database.sql<{ id: number }[]>`
      INSERT INTO alerts (kind, level, aircraft_id, details, raised_at, level_changed_at)
      VALUES ('lost_contact', 'warning', ${plane.json.id}, '{}'::jsonb, now(), now())
      RETURNING id`;

    const requested = await post("/api/v1/mutual-aid/requests", requester.token, { lendingCity: "baotou", aircraftId: plane.json.id });
    expect(requested.status).toBe(201);
    const acknowledged = await post(`/api/v1/alerts/${alert!.id}/acknowledge`, s.tokens.admin, {});
    expect(acknowledged.status).toBe(200);

    const deadlineMs = Date.now() + 5000;
    while (!toFeed.some((frame) => frame.type === "alert") && Date.now() < deadlineMs) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(toFeed.map((frame) => frame.type)).toEqual(["alert"]);
  });
});
