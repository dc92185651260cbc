import { registerAuditRoutes } from "../../audit/routes.js";
import type { AppDeps } from "../../http/context.js";
import type { Router } from "../../http/router.js";
import { registerMutualAidRoutes } from "../../mutual-aid/routes.js";
import { registerSessionRoutes } from "../sessions/routes.js";
import { registerUserRoutes } from "./routes.js";

// Installs users and login sessions, the audit log, and the cities with their mutual-aid requests.
export function installUsersAuditAndMutualAid(router: Router, deps: AppDeps): void {
  registerSessionRoutes(router, deps);
  registerUserRoutes(router, deps);
  registerAuditRoutes(router, deps);
  registerMutualAidRoutes(router, deps);
}
