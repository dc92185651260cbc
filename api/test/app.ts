import pino from "pino";

import { TrackingService, defaultTrackingOptions, type TrackingOptions } from "../../tracking/service.js";
import { createApp } from "../app.js";
import { createToken, verifyToken } from "../auth/tokens.js";
import { roles, type Role } from "../auth/roles.js";
import { freshDatabase } from "./database.js";

export const testAdminToken = "test-admin-token-not-secret";

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  token?: string | null;
  language?: string;
}

// Builds the real app on a fresh database with one token per role, and a
// helper that calls it in memory through app.request().
export async function testApp(options: { tracking?: Partial<TrackingOptions> } = {}) {
  const database = await freshDatabase();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const tracking = options.tracking
    ? new TrackingService(database, logger, (token) => verifyToken(database.db, token, testAdminToken), {
        ...defaultTrackingOptions,
        ...options.tracking,
      })
    : undefined;
  const { app, routes } = createApp({ database, logger, config: { adminToken: testAdminToken }, tracking });

  const tokens = {} as Record<Role, string>;
  for (const role of roles) {
    tokens[role] = (await createToken(database.db, { name: `test ${role}`, role, city: "bayannur" })).token;
  }

  async function call(method: string, path: string, options: CallOptions = {}) {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? tokens.admin : options.token;
    if (token) {
      headers.authorization = `Bearer ${token}`;
    }
    if (options.language) {
      headers["accept-language"] = options.language;
    }
    let body: string | undefined;
    if (options.rawBody !== undefined || options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = options.rawBody ?? JSON.stringify(options.body);
    }

    const response = await app.request(path, { method, headers, body });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    return { status: response.status, json, headers: response.headers };
  }

  return { app, routes, database, tokens, call, tracking };
}
