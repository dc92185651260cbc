import { describe, expect, it } from "vitest";

import { positionAt, type ReplayTrack } from "./position.js";

const track: ReplayTrack = {
  icaoAddress: "780001",
  label: "B-7101",
  timesMs: [1000, 2000, 4000],
  lonLats: [
    [107.0, 40.0],
    [107.1, 40.0],
    [107.1, 40.2],
  ],
};

describe("replay position", () => {
  it("is null outside the track", () => {
    expect(positionAt(track, 999)).toBeNull();
    expect(positionAt(track, 4001)).toBeNull();
  });

  it("matches stored positions", () => {
    expect(positionAt(track, 1000)).toEqual([107.0, 40.0]);
    expect(positionAt(track, 4000)).toEqual([107.1, 40.2]);
  });

  it("interpolates between positions", () => {
    const [lon, lat] = positionAt(track, 3000)!;
    expect(lon).toBeCloseTo(107.1, 9);
    expect(lat).toBeCloseTo(40.1, 9);
  });
});
