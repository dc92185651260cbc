import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { parseSbsLine } from "../formats/sbs.js";
import { decodeFrame } from "../decoder/index.js";
import { decodeCprLocal } from "../decoder/position/cpr.js";
import { parseAvrLine } from "../formats/avr.js";
import { ModeSSource } from "../sources/mode-s-source.js";
import { SourceStats } from "../sources/stats.js";
import { TcpListenerSource } from "../sources/tcp-listener.js";
import { CollectingSink, waitFor } from "../sources/test-support.js";
import { buildDemoFleet, loadDemoData } from "./fleet.js";
import { stateAt, type SimulatedAircraft } from "./flight.js";
import { GeodesicPath, geodesicDistanceM } from "./geodesic-path.js";
import { messagesForTick } from "./messages.js";
import { FleetSimulator } from "./simulator.js";
import { buildSyntheticFleet } from "./synthetic.js";

const quietLogger = pino({ level: "silent" });
const demoFleet = buildDemoFleet(await loadDemoData(new URL("../../data/", import.meta.url)));
const START_MS = Date.UTC(2026, 11, 4, 6, 0, 0);
const TICK_MS = 500;

/** Every tick's messages for `ticks` ticks of one aircraft, with the simulated state of each. */
function simulateTicks(aircraft: SimulatedAircraft, ticks: number) {
  return Array.from({ length: ticks }, (_unused, tick) => {
    const timeMs = START_MS + tick * TICK_MS;
    const state = stateAt(aircraft, tick * TICK_MS);
    return { tick, timeMs, state, messages: messagesForTick(aircraft, state, timeMs, tick, 10) };
  });
}

describe("demo fleet", () => {
  it("flies every available aircraft", () => {
    // 15 aircraft, one in maintenance and one off duty.
    expect(demoFleet).toHaveLength(13);
    expect(demoFleet.map((aircraft) => aircraft.icaoAddress)).not.toContain("7BFE04");
    expect(demoFleet.map((aircraft) => aircraft.icaoAddress)).not.toContain("7BFE0D");
  });

  it("uses the type's cruise speed and a category", () => {
    const bell412 = demoFleet.find((aircraft) => aircraft.callsign === "BYNR01")!;

    expect(bell412.groundSpeedKmh).toBe(226);
    expect(bell412.emitterCategory).toBe("A7");
  });

  it("flies each aircraft at its ground speed", () => {
    for (const aircraft of demoFleet) {
      const before = stateAt(aircraft, 10_000);
      const after = stateAt(aircraft, 11_000);
      const movedM = geodesicDistanceM(before.lonLat, after.lonLat);

      expect(movedM).toBeCloseTo(aircraft.groundSpeedKmh / 3.6, 0);
    }
  });
});

describe("geodesic path", () => {
  it("starts and ends at its waypoints", () => {
    const path = new GeodesicPath([
      [107.74093, 40.926358],
      [108.378439, 41.694354],
    ]);

    expect(path.pointAt(0).lonLat[0]).toBeCloseTo(107.74093, 9);
    expect(path.pointAt(path.lengthM).lonLat[1]).toBeCloseTo(41.694354, 9);
    // A haversine estimate by hand gives 100.7 km.
    expect(path.lengthM / 1000).toBeCloseTo(100.6, 0);
  });

  it("rejects a path of one point", () => {
    expect(() => new GeodesicPath([[107, 40]])).toThrow(/at least two distinct waypoints/);
  });
});

describe("simulator AVR output", () => {
  it.each(demoFleet.map((aircraft) => [aircraft.callsign, aircraft] as const))("decodes %s within 10 m", (_callsign, aircraft) => {
    const stats = new SourceStats("simulator-test", "avr", "file");
    const sink = new CollectingSink();
    const source = new ModeSSource({ stats, sink });
    const statesByTime = new Map<number, [number, number]>();

    for (const { timeMs, state, messages } of simulateTicks(aircraft, 20)) {
      statesByTime.set(timeMs, state.lonLat);
      for (const line of messages.avr) {
        const parsed = parseAvrLine(line);
        expect(parsed.ok).toBe(true);
        source.ingestFrame(parsed.ok ? parsed.value.frame : new Uint8Array(0), timeMs);
      }
    }

    const positions = sink.withPosition();
    expect(positions.length).toBeGreaterThanOrEqual(19);
    for (const observation of positions) {
      expect(geodesicDistanceM(observation.lonLat!, statesByTime.get(observation.timeMs)!)).toBeLessThan(10);
    }
    expect(Object.values(stats.rejected).every((count) => count === 0)).toBe(true);
  });

  it("sends identification and velocity", () => {
    const aircraft = demoFleet[0]!;
    const [first] = simulateTicks(aircraft, 1);
    const messages = first!.messages.avr.map((line) => decodeFrame(line.slice(13, -1))).flatMap((result) => (result.ok ? [result.value] : []));
    const identification = messages.find((message) => message.kind === "identification");
    const velocity = messages.find((message) => message.kind === "airborne_velocity");

    expect(messages).toHaveLength(3);
    expect(identification?.callsign).toBe(aircraft.callsign);
    expect(identification?.category).toBe("A7");
    // East and north components are sent in whole knots.
    expect(Math.abs(velocity!.groundSpeedKmh! - aircraft.groundSpeedKmh)).toBeLessThan(2);
    expect(Math.abs(velocity!.trackDeg! - first!.state.trackDeg)).toBeLessThan(0.5);
  });
});

describe("simulator SBS output", () => {
  it("parses back to the simulated values", () => {
    for (const aircraft of demoFleet) {
      for (const { timeMs, state, messages } of simulateTicks(aircraft, 2)) {
        const parsed = messages.sbs.map((line) => parseSbsLine(line, { utcOffsetMin: 0 }));
        const values = parsed.map((result) => (result.ok ? result.value : null));
        const position = values.find((message) => message?.transmissionType === 3);
        const velocity = values.find((message) => message?.transmissionType === 4);

        expect(values).not.toContain(null);
        expect(position?.generatedAtMs).toBe(timeMs);
        // On the CPR grid: within about 5 m (5e-5 degree) of the simulated position.
        expect(position?.latDeg).toBeCloseTo(state.lonLat[1], 4);
        expect(position?.lonDeg).toBeCloseTo(state.lonLat[0], 4);
        expect(Math.abs(position!.altitudeM! - state.altitudeM)).toBeLessThan(0.3048);
        expect(Math.abs(velocity!.groundSpeedKmh! - state.groundSpeedKmh)).toBeLessThan(1);
      }
    }
  });

  it("sends the AVR frame's position", () => {
    for (const aircraft of demoFleet) {
      for (const { state, messages } of simulateTicks(aircraft, 2)) {
        const frame = messages.avr.map((line) => decodeFrame(line.slice(13, -1))).find((result) => result.ok && result.value.kind === "airborne_position");
        const sbs = messages.sbs.map((line) => parseSbsLine(line, { utcOffsetMin: 0 })).find((result) => result.ok && result.value.transmissionType === 3);
        if (!frame?.ok || frame.value.kind !== "airborne_position" || !sbs?.ok) {
          throw new Error(`no position message for ${aircraft.icaoAddress}`);
        }

        const [lonDeg, latDeg] = state.lonLat;
        const decoded = decodeCprLocal(frame.value.cpr, { latDeg, lonDeg });
        if (!decoded.ok) {
          throw new Error(`CPR frame of ${aircraft.icaoAddress} did not decode: ${decoded.error.message}`);
        }
        // SBS prints 5 decimals, so the two agree to half of 1e-5 degree.
        expect(Math.abs(sbs.value.latDeg! - decoded.value.latDeg)).toBeLessThanOrEqual(0.5e-5 + 1e-9);
        expect(Math.abs(sbs.value.lonDeg! - decoded.value.lonDeg)).toBeLessThanOrEqual(0.5e-5 + 1e-9);
      }
    }
  });

  it("sends the callsign in MSG,1", () => {
    const aircraft = demoFleet[0]!;
    const [first] = simulateTicks(aircraft, 1);
    const parsed = first!.messages.sbs.map((line) => parseSbsLine(line, { utcOffsetMin: 0 })).flatMap((result) => (result.ok ? [result.value] : []));
    const identification = parsed.find((message) => message.transmissionType === 1);

    expect(identification?.callsign).toBe(aircraft.callsign);
  });
});

describe("synthetic fleet", () => {
  it("builds unique addresses and callsigns", () => {
    const fleet = buildSyntheticFleet(500);

    expect(new Set(fleet.map((aircraft) => aircraft.icaoAddress)).size).toBe(500);
    expect(fleet[0]!.icaoAddress).toBe("7A0000");
    expect(fleet[499]!.callsign).toBe("SIM00500");
  });

  it("repeats with the same seed", () => {
    const first = buildSyntheticFleet(3, 42).map((aircraft) => stateAt(aircraft, 0).lonLat);
    const second = buildSyntheticFleet(3, 42).map((aircraft) => stateAt(aircraft, 0).lonLat);

    expect(second).toEqual(first);
  });

  it("rejects a count out of range", () => {
    expect(() => buildSyntheticFleet(-1)).toThrow("aircraft count: expected 0 to 65536, got -1");
  });
});

describe("fleet simulator over TCP", () => {
  const running: Array<{ stop(): Promise<void> }> = [];

  afterEach(async () => {
    await Promise.all(running.splice(0).map((item) => item.stop()));
  });

  it("feeds every aircraft to AVR and SBS listeners", async () => {
    const avrSink = new CollectingSink();
    const sbsSink = new CollectingSink();
    const avr = new TcpListenerSource({ id: "sim-avr", format: "avr", port: 0, sink: avrSink, logger: quietLogger });
    const sbs = new TcpListenerSource({ id: "sim-sbs", format: "sbs", port: 0, sink: sbsSink, logger: quietLogger, sbsUtcOffsetMin: 0 });
    running.push(avr, sbs);
    await Promise.all([avr.start(), sbs.start()]);
    const simulator = new FleetSimulator({
      aircraft: demoFleet,
      outputs: [
        { format: "avr", ...avr.address() },
        { format: "sbs", ...sbs.address() },
      ],
      rateHz: 20,
      logger: quietLogger,
    });
    running.push(simulator);

    simulator.start();
    const addressesWithPosition = (sink: CollectingSink) => new Set(sink.withPosition().map((observation) => observation.icaoAddress)).size;
    await waitFor(() => addressesWithPosition(avrSink) === 13 && addressesWithPosition(sbsSink) === 13, "positions of all 13 aircraft on both listeners");

    const rejectedTotal = (source: TcpListenerSource) => Object.values(source.stats.rejected).reduce((sum, count) => sum + count, 0);
    expect(rejectedTotal(avr)).toBe(0);
    expect(rejectedTotal(sbs)).toBe(0);
    expect(avrSink.observations.some((observation) => observation.callsign === "BYNR01")).toBe(true);
  });
});
