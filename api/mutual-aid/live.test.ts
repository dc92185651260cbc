import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { startTestServer } from "../test/server.js";
import { aircraftBody, aircraftTypeBody } from "../test/factories.js";
import { createUserAndLogIn } from "../auth/users/test-users.js";

let s: Awaited<ReturnType<typeof startTestServer>>;
let socket: WebSocket;
const frames: Array<{ type: string; event: string; request: { id: number; status: string } }> = [];

beforeAll(async () => {
  s = await startTestServer({ seed: false, tracking: {} });
});

afterAll(async () => {
  socket?.close();
  await s.close();
});

async function waitForFrame(event: string, requestId: number) {
  const deadlineMs = Date.now() + 5000;
  while (Date.now() < deadlineMs) {
    const found = frames.find((frame) => frame.event === event && frame.request.id === requestId);
    if (found) {
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${event} frame for request ${requestId} within 5 s`);
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
});
