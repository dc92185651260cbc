import { describe, expect, it } from "vitest";

import { parseFrame } from "./track.js";

const track = {
  icaoAddress: "7BFE01",
  callsign: "BYNR01",
  registration: "B-7Z41",
  fleet: true,
  category: "helicopter",
  lonLat: [107.74, 40.93],
  altitudeM: 1200,
  groundSpeedKmh: 180,
  trackDeg: 90,
  verticalRateMps: 0,
  squawk: "1200",
  onGround: false,
  lastSeen: "2026-12-04T08:00:00Z",
  stale: false,
  source: "sbs",
};

describe("parseFrame", () => {
  it("reads a snapshot", () => {
    const parsed = parseFrame(JSON.stringify({ type: "snapshot", aircraft: [track] }));

    expect(parsed?.frame).toEqual({ type: "snapshot", aircraft: [track] });
    expect(parsed?.dropped).toBe(0);
  });

  it("reads a delta with removals", () => {
    const parsed = parseFrame(JSON.stringify({ type: "delta", aircraft: [], removed: ["7BFE02", 42] }));

    expect(parsed?.frame).toEqual({ type: "delta", aircraft: [], removed: ["7BFE02"] });
  });

  it("drops tracks without a usable position", () => {
    const bad = [
      { ...track, lonLat: ["107", 40] },
      { ...track, lonLat: [40.93, 107.74] },
      { ...track, lonLat: [107.74] },
      { ...track, icaoAddress: undefined },
      null,
    ];
    const parsed = parseFrame(JSON.stringify({ type: "snapshot", aircraft: [track, ...bad] }));

    expect(parsed?.frame.aircraft).toHaveLength(1);
    expect(parsed?.dropped).toBe(5);
  });

  it("rejects bad JSON and unknown types", () => {
    expect(parseFrame("{not json")).toBeNull();
    expect(parseFrame(JSON.stringify({ type: "alert", aircraft: [] }))).toBeNull();
    expect(parseFrame("null")).toBeNull();
  });
});
