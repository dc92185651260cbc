import { describe, expect, it } from "vitest";
import { decodeAvrWithDump1090 } from "../crosscheck/dump1090.js";
import { buildDemoFleet, loadDemoData } from "./fleet.js";
import { stateAt } from "./flight.js";
import { geodesicDistanceM } from "./geodesic-path.js";
import { messagesForTick } from "./messages.js";

const demoFleet = buildDemoFleet(await loadDemoData(new URL("../../data/", import.meta.url)));
const START_MS = Date.UTC(2026, 11, 4, 6, 0, 0);
const TICKS = 20;
const TICK_MS = 500;

describe("simulator output read by dump1090-mutability", () => {
  it("decodes to the simulated callsigns and positions", { timeout: 60_000 }, async () => {
    const lines: string[] = [];
    const simulated = new Map<string, Array<[number, number]>>();
    for (let tick = 0; tick < TICKS; tick++) {
      for (const aircraft of demoFleet) {
        const state = stateAt(aircraft, tick * TICK_MS);
        lines.push(...messagesForTick(aircraft, state, START_MS + tick * TICK_MS, tick, 10).avr);
        simulated.set(aircraft.icaoAddress, [...(simulated.get(aircraft.icaoAddress) ?? []), state.lonLat]);
      }
    }

    const decoded = await decodeAvrWithDump1090(lines.join("\n") + "\n");

    expect(decoded.size).toBe(demoFleet.length);
    for (const aircraft of demoFleet) {
      const summary = decoded.get(aircraft.icaoAddress);
      expect([...(summary?.callsigns ?? [])]).toEqual([aircraft.callsign]);
      expect(summary?.positions.length ?? 0).toBeGreaterThan(0);
      // dump1090 prints 5 decimals (about 1 m); each fix must be one of the simulated positions.
      for (const position of summary?.positions ?? []) {
        const nearestM = Math.min(...simulated.get(aircraft.icaoAddress)!.map((lonLat) => geodesicDistanceM(lonLat, position)));
        expect(nearestM).toBeLessThan(10);
      }
    }
  });
});
