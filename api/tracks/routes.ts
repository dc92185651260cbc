import { sql } from "drizzle-orm";
import { z } from "zod";

import { ApiError } from "../http/errors.js";
import type { AppDeps } from "../http/context.js";
import type { Router } from "../http/router.js";
import { parseOrThrow } from "../http/validation.js";
import { loadHistory } from "./history.js";
import { parseHistoryRequest } from "./history-request.js";

const icaoPattern = /^[0-9A-F]{6}$/;
// A history request covers at most this span, so one call cannot pull the whole table.
const MAX_HISTORY_HOURS = 24;

const historyQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

function historyWindow(query: z.infer<typeof historyQuery>): { fromMs: number; toMs: number } {
  const toMs = query.to ? Date.parse(query.to) : Date.now();
  const fromMs = query.from ? Date.parse(query.from) : toMs - 3_600_000;
  if (fromMs >= toMs) {
    throw new ApiError(400, { code: "invalid_query", field: "from", value: query.from, expected: "a time before `to`" });
  }
  if (toMs - fromMs > MAX_HISTORY_HOURS * 3_600_000) {
    throw new ApiError(400, { code: "invalid_query", field: "from", value: query.from, expected: `a window of at most ${MAX_HISTORY_HOURS} h` });
  }
  return { fromMs, toMs };
}

export function registerTrackRoutes(router: Router, deps: AppDeps): void {
  const tag = "tracking";

  router.add({ method: "GET", path: "/api/v1/tracks", access: "any", summary: "Live aircraft as GeoJSON points", tag }, (c) => {
    const frames = deps.tracking ? deps.tracking.frames(deps.tracking.table.all()) : [];
    const features = frames
      .filter((frame) => frame.lonLat)
      .map(({ lonLat, ...properties }) => ({
        type: "Feature" as const,
        id: properties.icaoAddress,
        geometry: { type: "Point" as const, coordinates: lonLat },
        properties,
      }));
    return c.json({ type: "FeatureCollection", features, total: features.length });
  });

  // Registered before /tracks/:icao, which would otherwise match "history".
  router.add(
    { method: "GET", path: "/api/v1/tracks/history", access: "any", summary: "Every aircraft with stored positions in a window, with its positions", tag },
    async (c) => c.json(await loadHistory(deps, parseHistoryRequest(c.req.query()))),
  );

  router.add(
    { method: "GET", path: "/api/v1/tracks/:icao", access: "any", summary: "Stored history of one aircraft as a timed LineString", tag },
    async (c) => {
      const icao = c.req.param("icao")!.toUpperCase();
      if (!icaoPattern.test(icao)) {
        throw new ApiError(400, { code: "invalid_format", field: "icao", value: c.req.param("icao"), expected: "ICAO 24-bit address as 6 hex digits" });
      }
      const { fromMs, toMs } = historyWindow(parseOrThrow(historyQuery, c.req.query(), 400));

      const rows = await deps.database.db.execute<{ lon: number; lat: number; altitudeM: number | null; time: string; groundSpeedKmh: number | null }>(sql`
        SELECT ST_X(location) AS lon, ST_Y(location) AS lat, altitude_m AS "altitudeM", ground_speed_kmh AS "groundSpeedKmh",
               to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time
        FROM positions
        WHERE icao_address = ${icao} AND time >= ${new Date(fromMs).toISOString()} AND time <= ${new Date(toMs).toISOString()}
        ORDER BY time`);

      // Coordinates carry the altitude in metres as a third value; `times`
      // gives the UTC time of each vertex, in the same order.
      return c.json({
        type: "Feature",
        id: icao,
        geometry: { type: "LineString", coordinates: rows.map((r) => [r.lon, r.lat, r.altitudeM]) },
        properties: {
          icaoAddress: icao,
          from: new Date(fromMs).toISOString(),
          to: new Date(toMs).toISOString(),
          times: rows.map((r) => r.time),
          groundSpeedsKmh: rows.map((r) => r.groundSpeedKmh),
          count: rows.length,
        },
      });
    },
  );
}
