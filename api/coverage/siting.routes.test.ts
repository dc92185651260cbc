import { describe, expect, it } from "vitest";

import { seedDemo } from "../../scripts/seed.js";
import { testApp } from "../test/app.js";

const t = await testApp();
await seedDemo(t.database);

// At 120 minutes the own fleet reaches every risk area, so a tighter target leaves room to gain.
const common = { night: false, targetMin: 40, cellSizeM: 4000, typeId: "h125" };

interface Pick {
  rank: number;
  candidate: { id: string; lonLat: [number, number] };
  gainRiskWeightedShare: number;
  riskWeightedShareAfter: number;
  cityShareAfter: number;
}

async function siting(body: Record<string, unknown>, token = t.tokens.planner) {
  return t.call("POST", "/api/v1/coverage/siting", { token, body: { ...common, ...body } });
}

function expectGreedyPicks(picks: Pick[], k: number, baselineShare: number) {
  expect(picks).toHaveLength(k);
  expect(new Set(picks.map((pick) => pick.candidate.id)).size).toBe(k);
  let share = baselineShare;
  picks.forEach((pick, index) => {
    expect(pick.rank).toBe(index + 1);
    if (index > 0) {
      expect(pick.gainRiskWeightedShare).toBeLessThanOrEqual(picks[index - 1]!.gainRiskWeightedShare);
    }
    // Each after-share adds the pick's gain to the one before, up to rounding.
    expect(pick.riskWeightedShareAfter).toBeCloseTo(share + pick.gainRiskWeightedShare, 3);
    share = pick.riskWeightedShareAfter;
  });
}

describe("POST /api/v1/coverage/siting", () => {
  it("picks k distinct landing points by gain", async () => {
    const res = await siting({ candidates: "landing-points", k: 3 });
    expect(res.status).toBe(200);
    expect(res.json.evaluatedCandidates).toBe(17);
    expectGreedyPicks(res.json.picks, 3, res.json.baseline.riskWeightedShare);
    expect(res.json.picks[0].gainRiskWeightedShare).toBeGreaterThan(0);
    expect(res.json.picks[0].candidate.id).toMatch(/^landing-point:\d+$/);
  });

  it("picks among the county seats", async () => {
    const res = await siting({ candidates: "county-seats", k: 2 });
    expect(res.json.evaluatedCandidates).toBe(7);
    expectGreedyPicks(res.json.picks, 2, res.json.baseline.riskWeightedShare);
  });

  it("picks from a lattice inside the city", async () => {
    const res = await siting({ candidates: "grid", candidateSpacingKm: 40, k: 4 });
    // 65,000 km² / (40 km)² is about 41 lattice points.
    expect(res.json.evaluatedCandidates).toBeGreaterThan(30);
    expect(res.json.evaluatedCandidates).toBeLessThan(55);
    expectGreedyPicks(res.json.picks, 4, res.json.baseline.riskWeightedShare);
  });

  it("prefers the uncovered point of two", async () => {
    // The far west of Urad Rear Banner has no risk area within 40 minutes of
    // an H125, while the Langshan landing point sits on the Langshan forest.
    const res = await siting({
      candidates: [
        { lonLat: [105.4, 42.2], nameZh: "乌拉特后旗西北" },
        { lonLat: [107.35, 41.25], nameZh: "狼山" },
      ],
      k: 2,
    });
    expect(res.json.picks[0].candidate.id).toBe("point:1");
    expect(res.json.picks[0].gainRiskWeightedShare).toBeGreaterThan(0);
    expect(res.json.picks[1].gainRiskWeightedShare).toBe(0);
  });

  it("rejects an unknown aircraft type", async () => {
    const res = await siting({ candidates: "landing-points", typeId: "zeppelin" });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "reference_not_found", field: "typeId", value: "zeppelin" });
  });

  it("rejects an unknown candidate source", async () => {
    const res = await siting({ candidates: "airports" });
    expect(res.status).toBe(422);
    expect(res.json.error.field).toBe("candidates");
  });

  it("rejects k above 10", async () => {
    const res = await siting({ candidates: "landing-points", k: 11 });
    expect(res.json.error).toMatchObject({ code: "too_big", field: "k", value: 11 });
  });

  it("rejects a candidate outside the region", async () => {
    const res = await siting({ candidates: [{ lonLat: [116.4, 39.9] }] });
    expect(res.json.error).toMatchObject({ code: "outside_service_region", field: "candidates.0.lonLat" });
  });

  it("forbids dispatchers", async () => {
    const res = await siting({ candidates: "landing-points" }, t.tokens.dispatcher);
    expect(res.status).toBe(403);
  });
});
