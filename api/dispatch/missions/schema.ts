import { z } from "zod";

import { missionStatuses } from "./transitions.js";

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const createMissionBody = z
  .object({
    incidentId: z.number().int().positive(),
    aircraftId: z.number().int().positive(),
    // A patrol mission flies this route and raises route-deviation alerts.
    patrolRouteId: z.number().int().positive().nullable().optional(),
    // "requested" records the assignment before the dispatch order goes out.
    status: z.enum(["requested", "dispatched"]).default("dispatched"),
    // Response-time target in minutes for the statistics.
    targetMin: z.number().positive().max(1440).default(120),
    note: optionalText(1000),
    // Dispatch even though the response-time model says the aircraft cannot
    // fly the mission (night, range, endurance). The timeline records it.
    override: z.boolean().optional(),
  })
  .strict();

export const missionStatusBody = z
  .object({
    status: z.enum(missionStatuses),
    note: optionalText(1000),
  })
  .strict();

export const listMissionsQuery = z
  .object({
    active: z.enum(["true", "false"]).optional(),
    incidentId: z.coerce.number().int().positive().optional(),
    aircraftId: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

// At most a year per statistics request, so one call stays a small scan.
const MAX_STATS_DAYS = 366;

export const statsQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .strict()
  .superRefine((query, ctx) => {
    const spanMs = Date.parse(query.to) - Date.parse(query.from);
    if (spanMs <= 0) {
      ctx.addIssue({ code: "custom", path: ["from"], params: { code: "invalid_query", expected: "a time before `to`" }, message: "order" });
    } else if (spanMs > MAX_STATS_DAYS * 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["from"], params: { code: "invalid_query", expected: `a window of at most ${MAX_STATS_DAYS} days` }, message: "span" });
    }
  });

export type CreateMission = z.infer<typeof createMissionBody>;
