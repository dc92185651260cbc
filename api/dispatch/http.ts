import type { Context } from "hono";

import type { Role } from "../auth/roles.js";
import type { AppEnv } from "../http/context.js";
import { ApiError } from "../http/errors.js";

// Dispatch desk writes: incidents, missions, restricted areas, acknowledgements.
export const dispatchWriters: readonly Role[] = ["admin", "dispatcher"];

// Parses a path id as a positive integer or throws a 400 naming the parameter.
export function parseIdParam(raw: string | undefined, field = "id"): number {
  if (!raw || !/^[1-9][0-9]{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw new ApiError(400, { code: "invalid_query", field, value: raw, expected: "a positive integer" });
  }
  return Number(raw);
}

// Names the caller in timelines and acknowledgements: the token's name.
export function actorOf(c: Context<AppEnv>): string {
  return c.get("principal")?.name ?? "unknown";
}

// Formats a timestamp as ISO 8601 UTC; drizzle's builder gives Date, raw
// queries on the drizzle client give PostgreSQL text such as "2026-12-04 20:03:52.1+00".
export function toIso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  return new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString();
}
