import type { AppDeps } from "../http/context.js";
import type { Router } from "../http/router.js";
import { parseOrThrow } from "../http/validation.js";
import { presentCoverage } from "./coverage-presenter.js";
import { computeCoverage } from "./coverage-service.js";
import { presentEtaRanking } from "./eta-presenter.js";
import { rankFleetByEta } from "./eta-service.js";
import { toMissionRequest } from "./options.js";
import { RegionCache } from "./regions.js";
import { coverageQuerySchema, etaQuerySchema } from "./schemas.js";

const tag = "coverage";
const defaultCity = "bayannur";

// The response-time endpoints: the ETA ranking for one point, the city's
// coverage, what-if scenarios and base siting. Handlers only authorise,
// validate, call one service and present.
export function registerCoverageRoutes(router: Router, deps: AppDeps): void {
  const regionCache = new RegionCache(deps.database);

  router.add(
    { method: "GET", path: "/api/v1/eta", access: "any", summary: "Rank every aircraft by ETA to a point", tag },
    async (c) => {
      const query = parseOrThrow(etaQuerySchema, c.req.query(), 400);
      const nowMs = Date.now();
      const request = toMissionRequest(query, "all", nowMs);

      const ownCity = c.get("principal")?.city ?? defaultCity;
      const ranking = await rankFleetByEta(deps, request, [query.lon, query.lat], ownCity, nowMs);
      return c.json(presentEtaRanking(ranking));
    },
  );

  router.add(
    {
      method: "GET",
      path: "/api/v1/coverage",
      access: "any",
      summary: "Isochrones, gaps, shares and the response-time grid of the fleet",
      tag,
    },
    async (c) => {
      const query = parseOrThrow(coverageQuerySchema, c.req.query(), 400);
      const nowMs = Date.now();
      const request = toMissionRequest(query, "own", nowMs);
      const spec = { bbox: query.bbox ?? null, cellSizeM: query.cellSizeM, thresholdsMin: query.thresholds, groupBy: query.groupBy };

      const ownCity = c.get("principal")?.city ?? defaultCity;
      const result = await computeCoverage(deps, regionCache, request, spec, ownCity, nowMs);
      return c.json(presentCoverage(result, request));
    },
  );
}
