import type { Context, Hono } from "hono";
import type { z } from "zod";

import type { Access } from "../auth/roles.js";
import { resolvePrincipal } from "../auth/sessions/principal.js";
import { ApiError } from "./errors.js";
import type { AppDeps, AppEnv } from "./context.js";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RouteSpec {
  method: Method;
  path: string;
  access: Access;
  summary: string;
  tag: string;
  body?: z.ZodType;
}

type Handler = (c: Context<AppEnv>) => Promise<Response> | Response;

// Registers routes with the roles they accept, in one place, and keeps the
// table so that the OpenAPI document and the route-role tests can walk it.
export class Router {
  readonly specs: RouteSpec[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly deps: AppDeps,
  ) {}

  add(spec: RouteSpec, handler: Handler): void {
    this.specs.push(spec);
    this.app.on(spec.method, spec.path, async (c) => {
      await this.authorize(c, spec.access);
      return handler(c);
    });
  }

  private async authorize(c: Context<AppEnv>, access: Access): Promise<void> {
    c.set("principal", null);
    if (access === "public") {
      return;
    }

    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw new ApiError(401, { code: "missing_token", field: "Authorization" });
    }

    // ADMIN_TOKEN, a login session or an API token. An expired or logged-out
    // session gets its own code (session_expired), so clients ask to log in again.
    const resolved = await resolvePrincipal(this.deps.database.db, match[1]!, this.deps.config.adminToken);
    if ("failure" in resolved) {
      throw new ApiError(401, { code: resolved.failure, field: "Authorization" });
    }
    const principal = resolved.principal;
    if (access !== "any" && !access.includes(principal.role)) {
      throw new ApiError(403, { code: "forbidden_role", field: "Authorization", value: principal.role, expected: access.join(" | ") });
    }
    c.set("principal", principal);
  }
}

// Reads a JSON body, turning a syntax error into a 400 with a stable code.
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, { code: "invalid_json", field: "body" });
  }
}
