import { z } from "zod";

import { bboxSchema, type Bbox } from "../http/bbox.js";
import { ApiError } from "../http/errors.js";
import { parseOrThrow } from "../http/validation.js";

// A window of the fleet-wide history covers at most this span. One day
// bounds the scan to one day of positions, and a dispatcher reviewing an
// incident needs hours, not weeks.
export const MAX_WINDOW_HOURS = 24;
// Positions returned in one response, over all aircraft. One hour of 200
// aircraft at 1 Hz is 720k stored positions. Thinned to one every 10 s, that is
// 72,200 positions, 4.0 MB of JSON (measured by bench/history.bench.ts).
export const MAX_POSITIONS = 100_000;

export interface HistoryRequest {
  fromMs: number;
  toMs: number;
  bbox: Bbox | null;
  maxPositions: number;
}

const historyQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    bbox: bboxSchema.optional(),
    maxPositions: z.coerce.number().int().min(1).max(MAX_POSITIONS).default(MAX_POSITIONS),
  })
  .strict();

// Parses the query of GET /api/v1/tracks/history: `from` inclusive, `to`
// exclusive, both ISO 8601 with an offset. Raises 400 for a missing or
// malformed value, an empty or inverted window, or one longer than MAX_WINDOW_HOURS.
export function parseHistoryRequest(query: Record<string, string>): HistoryRequest {
  const parsed = parseOrThrow(historyQuery, query, 400);
  const fromMs = Date.parse(parsed.from);
  const toMs = Date.parse(parsed.to);

  if (toMs <= fromMs) {
    throw new ApiError(400, { code: "window_inverted", field: "to", value: parsed.to, expected: parsed.from });
  }
  const hours = (toMs - fromMs) / 3_600_000;
  if (hours > MAX_WINDOW_HOURS) {
    throw new ApiError(400, { code: "window_too_long", field: "to", value: parsed.to, expected: String(MAX_WINDOW_HOURS), params: { hours: Math.round(hours * 10) / 10 } });
  }

  return { fromMs, toMs, bbox: parsed.bbox ?? null, maxPositions: parsed.maxPositions };
}
