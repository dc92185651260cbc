import type { AppDeps } from "../http/context.js";
import type { Router } from "../http/router.js";
import { registerCandidateRoutes } from "./candidates/routes.js";
import { registerIncidentRoutes } from "./incidents/routes.js";

// Installs dispatch: the incident, candidate, mission, restricted-area and
// alert routes, and, when live tracking runs, the rules that move mission
// status and raise flight-following alerts on every track change.
export function installDispatch(router: Router, deps: AppDeps): void {
  registerIncidentRoutes(router, deps);
  registerCandidateRoutes(router, deps);
}
