import { z } from "zod";

import type { AppDeps } from "../../http/context.js";
import type { Router } from "../../http/router.js";
import { parseOrThrow } from "../../http/validation.js";
import { parseIdParam } from "../http.js";
import { getIncident } from "../incidents/repository.js";
import { presentCandidateReport } from "./presenter.js";
import { rankCandidates } from "./service.js";

const candidatesQuery = z
  .object({
    // Response-time target in minutes; the Bayannur plan sets 2 hours.
    targetMin: z.coerce.number().positive().max(1440).default(120),
    // Planning time (ISO 8601); sets night and the month for frozen water. Defaults to now.
    at: z.iso.datetime({ offset: true }).optional(),
    includeIncapable: z.enum(["true", "false"]).default("false"),
    landingLimit: z.coerce.number().int().min(1).max(50).default(5),
    waterLimit: z.coerce.number().int().min(1).max(20).default(3),
  })
  .strict();

export function registerCandidateRoutes(router: Router, deps: AppDeps): void {
  router.add(
    { method: "GET", path: "/api/v1/incidents/:id/candidates", access: "any", summary: "Aircraft ranked by ETA, with landing points and water sources", tag: "incidents" },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const query = parseOrThrow(candidatesQuery, c.req.query(), 400);
      const incident = await getIncident(deps.database.db, id);
      const report = await rankCandidates(deps.database, deps.tracking, incident, {
        dispatcherCity: c.get("principal")!.city,
        targetMin: query.targetMin,
        at: query.at ? new Date(query.at) : new Date(),
        includeIncapable: query.includeIncapable === "true",
        landingLimit: query.landingLimit,
        waterLimit: query.waterLimit,
      });
      return c.json(presentCandidateReport(report));
    },
  );
}
