import { sql } from "drizzle-orm";
import { z } from "zod";

import type { Observation } from "../../tracking/observation.js";
import { FeedConfigError } from "../../tracking/sources/config.js";
import { SourceStats } from "../../tracking/sources/stats.js";
import { ApiError, notFound } from "../http/errors.js";
import { adminOnly } from "../auth/roles.js";
import type { AppDeps } from "../http/context.js";
import { readJson, type Router } from "../http/router.js";
import { renderMessage } from "../http/messages.js";
import { parseOrThrow, toDetail } from "../http/validation.js";

// One position from a GPS/BeiDou tracker, in metric units. Either the ICAO
// address or the tracker id registered on an aircraft names the aircraft.
const pushedPosition = z
  .object({
    icaoAddress: z.string().trim().toUpperCase().regex(/^[0-9A-F]{6}$/, { error: "ICAO 24-bit address as 6 hex digits" }).optional(),
    trackerId: z.string().trim().min(1).max(64).optional(),
    time: z.iso.datetime({ offset: true }),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    altitudeM: z.number().min(-500).max(20000).nullable().optional(),
    groundSpeedKmh: z.number().min(0).max(1500).nullable().optional(),
    trackDeg: z.number().min(0).max(360).nullable().optional(),
  })
  .strict();

const pushBody = z
  .object({
    sourceId: z.string().trim().min(1).max(64).default("http-push"),
    positions: z.array(z.unknown()).min(1).max(5000),
  })
  .strict();

async function trackerAddresses(deps: AppDeps, trackerIds: string[]): Promise<Map<string, string>> {
  if (trackerIds.length === 0) {
    return new Map();
  }
  const rows = await deps.database.db.execute<{ trackerId: string; icaoAddress: string }>(sql`
    SELECT tracker_id AS "trackerId", icao_address AS "icaoAddress" FROM aircraft
    WHERE tracker_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(trackerIds)}::text::jsonb)) AND icao_address IS NOT NULL`);
  return new Map(rows.map((r) => [r.trackerId, r.icaoAddress]));
}

export function registerFeedRoutes(router: Router, deps: AppDeps): void {
  const tag = "feeds";

  router.add({ method: "GET", path: "/api/v1/feeds", access: "any", summary: "Feed sources with their counters", tag }, (c) => {
    const tracking = deps.tracking;
    return c.json({
      sources: tracking ? tracking.sourceStats() : [],
      store: tracking ? tracking.writer.stats() : null,
      live: tracking ? { aircraft: tracking.table.size, clients: tracking.hub.clientCount } : null,
    });
  });

  // Starts a source at run time; the body is one entry of the FEEDS_CONFIG file.
  router.add({ method: "POST", path: "/api/v1/feeds", access: adminOnly, summary: "Add and start a feed source", tag }, async (c) => {
    const body = await readJson(c);
    if (!deps.tracking) {
      throw new ApiError(503, { code: "tracking_disabled", field: "tracking" });
    }
    try {
      const source = await deps.tracking.registry.add(body);
      deps.logger.info({ sourceId: source.id, by: c.get("principal")?.name }, "feed source added through the API");
      return c.json(source.stats.toJSON(), 201);
    } catch (error) {
      if (error instanceof FeedConfigError) {
        throw new ApiError(422, { code: "invalid_feed_config", field: "body", expected: error.issues.join("; ") });
      }
      throw new ApiError(422, { code: "feed_start_failed", field: "body", expected: (error as Error).message });
    }
  });

  router.add({ method: "DELETE", path: "/api/v1/feeds/:id", access: adminOnly, summary: "Stop and remove a feed source", tag }, async (c) => {
    const id = c.req.param("id")!;
    if (!deps.tracking || !(await deps.tracking.registry.remove(id))) {
      throw notFound("id", id);
    }
    deps.logger.info({ sourceId: id, by: c.get("principal")?.name }, "feed source removed through the API");
    return c.body(null, 204);
  });

  // Valid positions are ingested and invalid ones are listed by index with a
  // reason: one bad row from a tracker must not cost the rest of the batch.
  router.add(
    { method: "POST", path: "/api/v1/feeds/positions", access: ["admin", "feed"], summary: "Push a batch of tracker positions", tag, body: pushBody },
    async (c) => {
      const body = parseOrThrow(pushBody, await readJson(c));
      const locale = c.get("locale");
      const tracking = deps.tracking;
      const stats = tracking?.sources.get(body.sourceId) ?? tracking?.registerSource(new SourceStats(body.sourceId, "json", "http-push"));

      const parsed = body.positions.map((raw) => pushedPosition.safeParse(raw));
      const trackerIds = parsed.flatMap((p) => (p.success && p.data.trackerId && !p.data.icaoAddress ? [p.data.trackerId] : []));
      const addresses = await trackerAddresses(deps, trackerIds);

      const rejected: Array<{ index: number; code: string; field: string; message: string }> = [];
      let accepted = 0;
      parsed.forEach((result, index) => {
        stats?.countReceived(Date.now());
        if (!result.success) {
          const issue = result.error.issues[0]!;
          const first = toDetail(issue, body.positions[index])[0]!;
          const detail = { ...first, field: `positions.${index}.${first.field}` };
          rejected.push({ index, code: detail.code, field: detail.field, message: renderMessage(detail, locale) });
          stats?.countRejected(issue.code === "too_big" || issue.code === "too_small" ? "out_of_range" : "unparseable");
          return;
        }
        const position = result.data;
        const icaoAddress = position.icaoAddress ?? (position.trackerId ? addresses.get(position.trackerId) : undefined);
        if (!icaoAddress) {
          const detail = { code: "reference_not_found", field: `positions.${index}.trackerId`, value: position.trackerId ?? null };
          rejected.push({ index, ...detail, message: renderMessage(detail, locale) });
          stats?.countRejected("unparseable");
          return;
        }
        const observation: Observation = {
          icaoAddress,
          timeMs: Date.parse(position.time),
          sourceId: body.sourceId,
          lonLat: [position.lon, position.lat],
          altitudeM: position.altitudeM,
          groundSpeedKmh: position.groundSpeedKmh,
          trackDeg: position.trackDeg,
        };
        if (stats) {
          stats.decoded++;
        }
        tracking?.ingest(observation);
        accepted++;
      });

      return c.json({ accepted, rejected });
    },
  );
}
