import { z } from "zod";

import { geometrySchema } from "../../assets/geometry.js";

export const incidentKinds = [
  "forest_fire",
  "grassland_fire",
  "flood",
  "earthquake",
  "medical_evacuation",
  "search_and_rescue",
  "hazardous_chemicals",
] as const;
export type IncidentKind = (typeof incidentKinds)[number];

// A report time may run ahead of the server clock by this much (phones and
// radios with unsynchronised clocks), but not more.
const MAX_FUTURE_MS = 5 * 60_000;

const reportedAt = z.iso.datetime({ offset: true }).refine((text) => Date.parse(text) <= Date.now() + MAX_FUTURE_MS, {
  params: { code: "invalid_value", expected: "a time that is not in the future" },
});

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const incidentFields = {
  kind: z.enum(incidentKinds),
  // 1 is the most urgent, 5 the least.
  priority: z.number().int().min(1).max(5),
  reporter: optionalText(200),
  notes: optionalText(4000),
  reportedAt,
  // The reported point, or the outline of a fire front.
  geometry: geometrySchema(["Point", "Polygon"]),
};

export const createIncidentBody = z.object(incidentFields).strict();
export const updateIncidentBody = z.object(incidentFields).partial().strict();
export const closeIncidentBody = z.object({ notes: optionalText(4000) }).strict();

export const listIncidentsQuery = z
  .object({
    status: z.enum(["open", "closed"]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export type CreateIncident = z.infer<typeof createIncidentBody>;
export type UpdateIncident = z.infer<typeof updateIncidentBody>;
