import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";

import { registerAssetRoutes } from "./assets/routes.js";
import { registerCoverageRoutes } from "./coverage/routes.js";
import { registerTokenRoutes } from "./auth/routes.js";
import { installUsersAuditAndMutualAid } from "./auth/users/install.js";
import { registerFeedRoutes } from "./feeds/routes.js";
import { installDispatch } from "./dispatch/index.js";
import { registerGeographyRoutes } from "./geography/routes.js";
import type { AppDeps, AppEnv } from "./http/context.js";
import { ApiError } from "./http/errors.js";
import { localeFrom, renderMessage } from "./http/messages.js";
import { Router } from "./http/router.js";
import { registerHealthRoutes } from "./system/health.js";
import { buildOpenApi } from "./system/openapi.js";
import { registerTrackRoutes } from "./tracks/routes.js";
import { registerTransferRoutes } from "./transfer/routes.js";

export const webDistDir = fileURLToPath(new URL("../web/dist", import.meta.url));

// Builds the Hono app: middleware, every domain's routes, the OpenAPI
// document and the console's static files.
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const router = new Router(app, deps);

  app.use("*", async (c, next) => {
    c.set("locale", localeFrom(c.req.header("accept-language")));
    c.set("requestId", c.req.header("x-request-id") ?? randomUUID());
    await next();
  });

  app.onError((error, c) => {
    const locale = c.get("locale") ?? "zh-CN";
    if (error instanceof ApiError) {
      const errors = error.details.map((d) => ({ ...d, message: renderMessage(d, locale) }));
      return c.json({ error: errors[0], errors }, error.status as 400);
    }

    deps.logger.error({ err: error, requestId: c.get("requestId"), method: c.req.method, path: c.req.path }, "request failed");
    const detail = { code: "internal_error" };
    return c.json({ error: { ...detail, message: renderMessage(detail, locale) } }, 500);
  });

  registerHealthRoutes(router, deps);
  registerTokenRoutes(router, deps);
  installUsersAuditAndMutualAid(router, deps);
  registerAssetRoutes(router, deps);
  registerGeographyRoutes(router, deps);
  registerTrackRoutes(router, deps);
  registerFeedRoutes(router, deps);
  registerTransferRoutes(router, deps);
  installDispatch(router, deps);
  registerCoverageRoutes(router, deps);

  const openApi = buildOpenApi(router.specs);
  app.get("/api/v1/openapi.json", (c) => c.json(openApi));

  app.notFound((c) => {
    const detail = { code: "not_found", field: "path", value: c.req.path };
    return c.json({ error: { ...detail, message: renderMessage(detail, c.get("locale") ?? "zh-CN") } }, 404);
  });

  if (existsSync(webDistDir)) {
    app.use("/*", serveStatic({ root: webDistDir }));
  }

  return { app, routes: router.specs };
}
