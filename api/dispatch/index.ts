import type { AppDeps } from "../http/context.js";
import type { Router } from "../http/router.js";
import { registerAlertRoutes } from "./alerts/routes.js";
import { registerCandidateRoutes } from "./candidates/routes.js";
import { registerIncidentRoutes } from "./incidents/routes.js";
import { registerMissionRoutes } from "./missions/routes.js";
import { registerRestrictedAreaRoutes } from "./restricted-areas/routes.js";
import { noDispatchEvents, type DispatchEvents } from "./runtime-events.js";
import { DispatchRuntime } from "./runtime.js";

// Installs dispatch: the incident, candidate, mission, restricted-area and
// alert routes, and, when live tracking runs, the rules that move mission
// status and raise flight-following alerts on every track change.
export function installDispatch(router: Router, deps: AppDeps): void {
  let events: DispatchEvents = noDispatchEvents;
  let clock = () => Date.now();
  if (deps.tracking) {
    const runtime = new DispatchRuntime(deps.database, deps.logger, deps.tracking);
    runtime.install();
    events = runtime;
    clock = () => runtime.clock();
  }

  registerIncidentRoutes(router, deps);
  registerCandidateRoutes(router, deps);
  registerMissionRoutes(router, deps, events, clock);
  registerRestrictedAreaRoutes(router, deps, events);
  registerAlertRoutes(router, deps, clock);
}
