import { roundShare } from "./coverage-presenter.js";
import type { MissionRequest } from "./options.js";
import { presentOptions } from "./options-presenter.js";
import type { SitingBody } from "./schemas.js";
import type { SitingResult } from "./siting-service.js";

// The response of POST /api/v1/coverage/siting; every field that leaves the
// API is listed here. Shares are fractions 0..1 rounded to 1e-4.

/** Presents the greedy picks, best first. */
export function presentSiting(result: SitingResult, request: MissionRequest, body: SitingBody) {
  return {
    options: presentOptions(request, result.context.etaOptions.night),
    typeId: body.typeId,
    candidatesSource: Array.isArray(body.candidates) ? "points" : body.candidates,
    evaluatedCandidates: result.candidates.length,
    k: body.k,
    baseline: {
      riskWeightedShare: roundShare(result.baseline.riskWeightedShare),
      cityShare: roundShare(result.baseline.cityShare),
    },
    picks: result.picks.map((pick, index) => ({
      rank: index + 1,
      candidate: {
        id: pick.candidate.id,
        nameZh: pick.candidate.nameZh,
        nameEn: pick.candidate.nameEn,
        lonLat: pick.candidate.lonLat,
      },
      gainRiskWeightedShare: roundShare(pick.gainRiskWeightedShare),
      riskWeightedShareAfter: roundShare(pick.riskWeightedShareAfter),
      cityShareAfter: roundShare(pick.cityShareAfter),
    })),
  };
}
