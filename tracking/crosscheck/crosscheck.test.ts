import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { haversineKm } from "../tracks/distance.js";
import { decodeAvrWithDump1090, dump1090Binary, dump1090Installed } from "./dump1090.js";
import { decodeAvrWithOurs } from "./ours.js";

// A real recording (Beast black box, 2018-04-03, in AVR form with MLAT
// timestamps); sources in tracking/fixtures/adsb/README.md.
const recording = readFileSync(
  fileURLToPath(new URL("../fixtures/adsb/feeds/beastblackbox_ulss7_2018-04-03.avr-mlat.txt", import.meta.url)),
  "utf8",
);

describe("cross-check against dump1090-mutability", () => {
  it("finds the binary", () => {
    expect(dump1090Installed(), `install it: apt-get install -y dump1090-mutability (${dump1090Binary})`).toBe(true);
  });

  it("agrees on callsigns and positions per aircraft", { timeout: 60_000 }, async () => {
    const ours = decodeAvrWithOurs(recording);
    const theirs = await decodeAvrWithDump1090(recording);

    const withPositions = [...theirs].filter(([, s]) => s.positions.length > 0);
    expect(withPositions.length).toBeGreaterThan(5);

    for (const [icao, reference] of theirs) {
      const mine = ours.get(icao);
      expect(mine, `aircraft ${icao} decoded by dump1090 only`).toBeDefined();
      expect([...mine!.callsigns].sort(), `callsigns of ${icao}`).toEqual([...reference.callsigns].sort());
    }

    // Every position dump1090 decoded must be one we decoded too, to CPR
    // resolution (about 5 m). The two may differ in a few fixes: each applies
    // its own plausibility checks to local decoding.
    let theirTotal = 0;
    let matched = 0;
    let ourTotal = 0;
    for (const [icao, reference] of withPositions) {
      const mine = ours.get(icao)!;
      ourTotal += mine.positions.length;
      for (const theirs of reference.positions) {
        theirTotal++;
        if (mine.positions.some((p) => haversineKm(p, theirs) < 0.05)) {
          matched++;
        }
      }
    }
    console.log(`dump1090 cross-check: ${matched}/${theirTotal} of dump1090's positions matched; ours decoded ${ourTotal}`);
    expect(matched / theirTotal).toBeGreaterThan(0.99);
    expect(ourTotal / theirTotal).toBeGreaterThan(0.95);
  });
});
