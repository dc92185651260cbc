import type { Principal } from "../auth/tokens.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { TrackingService } from "../../tracking/service.js";
import type { Locale } from "./messages.js";

export interface AppEnv {
  Variables: {
    principal: Principal | null;
    locale: Locale;
    requestId: string;
  };
}

export interface AppDeps {
  database: Database;
  logger: Logger;
  config: Pick<Config, "adminToken">;
  // Absent when the API runs without live tracking (most API tests).
  tracking?: TrackingService;
}
