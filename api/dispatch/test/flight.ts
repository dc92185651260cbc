import type { Observation } from "../../../tracking/observation.js";
import { distanceKm } from "../../../tracking/alerts/geometry.js";

// Builds the observations of a replayed flight for tests: straight legs at a
// constant ground speed, one position every `stepMs`, as a GNSS tracker sends them.

export interface FlightPoint {
  lonLat: [number, number];
  timeMs: number;
}

export function observation(icaoAddress: string, point: FlightPoint, fields: Partial<Observation> = {}): Observation {
  return {
    icaoAddress,
    timeMs: point.timeMs,
    sourceId: "test-replay",
    lonLat: point.lonLat,
    altitudeM: 1500,
    groundSpeedKmh: 180,
    trackDeg: 0,
    onGround: false,
    ...fields,
  };
}

// Points from `from` to `to` at `speedKmh`, excluding `from` and including `to`.
export function leg(from: [number, number], to: [number, number], startMs: number, speedKmh: number, stepMs = 60_000): FlightPoint[] {
  const durationMs = (distanceKm(from, to) / speedKmh) * 3_600_000;
  const steps = Math.max(1, Math.ceil(durationMs / stepMs));
  const points: FlightPoint[] = [];
  for (let i = 1; i <= steps; i++) {
    const f = i / steps;
    points.push({
      lonLat: [from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f],
      timeMs: startMs + Math.round((durationMs * i) / steps),
    });
  }
  return points;
}

// Polls `check` until it returns a value other than undefined/false, for at most `timeoutMs`.
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) {
      return value as T;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
