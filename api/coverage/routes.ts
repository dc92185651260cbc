import { assetWriters } from "../auth/roles.js";
import type { AppDeps } from "../http/context.js";
import { readJson, type Router } from "../http/router.js";
import { parseOrThrow } from "../http/validation.js";
import { presentCoverage } from "./coverage-presenter.js";
import { computeCoverage } from "./coverage-service.js";
import { presentEtaRanking } from "./eta-presenter.js";
import { rankFleetByEta } from "./eta-service.js";
import { toMissionRequest } from "./options.js";
import { RegionCache } from "./regions.js";
import { presentScenario } from "./scenario-presenter.js";
import { runScenario } from "./scenario-service.js";
import { coverageQuerySchema, etaQuerySchema, scenarioBodySchema, sitingBodySchema } from "./schemas.js";
import { presentSiting } from "./siting-presenter.js";
import { chooseSites } from "./siting-service.js";

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

  router.add(
    {
      method: "POST",
      path: "/api/v1/coverage/scenarios",
      access: assetWriters,
      summary: "Compare today's coverage with a what-if, computed in memory",
      tag,
      body: scenarioBodySchema,
    },
    async (c) => {
      const body = parseOrThrow(scenarioBodySchema, await readJson(c));
      const nowMs = Date.now();
      const request = toMissionRequest(body, "own", nowMs);
      const spec = { bbox: body.bbox ?? null, cellSizeM: body.cellSizeM, thresholdsMin: body.thresholds, groupBy: "none" as const };

      const ownCity = c.get("principal")?.city ?? defaultCity;
      const result = await runScenario(deps, regionCache, request, spec, body.changes, ownCity, nowMs);
      return c.json(presentScenario(result, request, body.changes));
    },
  );

  router.add(
    {
      method: "POST",
      path: "/api/v1/coverage/siting",
      access: assetWriters,
      summary: "Choose the k candidate sites that add the most risk-weighted coverage",
      tag,
      body: sitingBodySchema,
    },
    async (c) => {
      const body = parseOrThrow(sitingBodySchema, await readJson(c));
      const nowMs = Date.now();
      const request = toMissionRequest(body, "own", nowMs);

      const ownCity = c.get("principal")?.city ?? defaultCity;
      const result = await chooseSites(deps, regionCache, request, body, ownCity, nowMs);
      return c.json(presentSiting(result, request, body));
    },
  );
}
