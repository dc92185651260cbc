import type { Observation } from "../../../tracking/observation.js";
import type { Role } from "../../auth/roles.js";
import { createToken } from "../../auth/tokens.js";
import { startTestServer } from "../../test/server.js";
import { dispatchRuntimeOf, type DispatchRuntime } from "../runtime.js";

export type DispatchServer = Awaited<ReturnType<typeof startDispatchServer>>;

// A seeded test server with live tracking, its dispatch rules on a clock the
// test sets, and lookups of the demo fleet by registration.
export async function startDispatchServer() {
  const server = await startTestServer({ tracking: {} });
  const runtime: DispatchRuntime = dispatchRuntimeOf(server.tracking!)!;
  let nowMs = Math.ceil(Date.now() / 60_000) * 60_000;
  runtime.clock = () => nowMs;

  async function aircraftId(registration: string): Promise<number> {
    const rows = await server.database.sql<{ id: number }[]>`SELECT id FROM aircraft WHERE registration = ${registration}`;
    return rows[0]!.id;
  }

  async function aircraftStatus(id: number): Promise<string> {
    const rows = await server.database.sql<{ status: string }[]>`SELECT status::text FROM aircraft WHERE id = ${id}`;
    return rows[0]!.status;
  }

  // Creates an API token of `role` in `city`, such as a partner city's dispatcher.
  async function tokenOf(role: Role, city: string): Promise<string> {
    return (await createToken(server.database.db, { name: `test ${city} ${role}`, role, city })).token;
  }

  // Moves the clock to the observation's time, ingests it through the real
  // tracking path and waits until the dispatch rules have handled it, so that
  // no position of a replayed flight is coalesced away.
  async function feed(observation: Observation): Promise<void> {
    nowMs = observation.timeMs;
    server.tracking!.ingest(observation, nowMs);
    await new Promise((resolve) => setImmediate(resolve));
    await runtime.flush();
  }

  // Moves the clock and runs the rules once, as a sweep would.
  async function advanceTo(ms: number): Promise<void> {
    nowMs = ms;
    await runtime.flush();
  }

  return {
    ...server,
    feed,
    advanceTo,
    runtime,
    aircraftId,
    aircraftStatus,
    tokenOf,
    now: () => nowMs,
    setNow: (ms: number) => {
      nowMs = ms;
    },
  };
}
