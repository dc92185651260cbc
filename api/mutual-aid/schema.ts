import { z } from "zod";

// What an "any suitable aircraft" request may ask for, checked against the aircraft type on approval.
export const capabilities = ["hoist", "night", "bucket", "stretcher"] as const;
export type Capability = (typeof capabilities)[number];

export const requestStatuses = ["requested", "approved", "declined", "cancelled", "returned"] as const;

const cityCode = z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,39}$/, { error: "a city code such as baotou" });
const id = z.number().int().positive().max(2_147_483_647);
const notes = z.string().trim().max(2000).nullable().optional();

// A specific aircraft, or a category with optional capabilities ("any suitable aircraft").
export const createRequestBody = z
  .object({
    lendingCity: cityCode,
    // Defaults to the caller's city; only admins of the home city may name another.
    requestingCity: cityCode.optional(),
    aircraftId: id.optional(),
    category: z.enum(["helicopter", "fixed_wing", "drone"]).optional(),
    capabilities: z.array(z.enum(capabilities)).max(capabilities.length).optional(),
    incidentId: id.optional(),
    notes,
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.aircraftId === undefined && body.category === undefined) {
      ctx.addIssue({ code: "custom", path: ["aircraftId"], params: { code: "missing_field" }, message: "aircraftId or category" });
    }
    if (body.aircraftId !== undefined && (body.category !== undefined || body.capabilities !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["category"], params: { code: "conflicting_fields", expected: "either aircraftId or category with capabilities" }, message: "aircraftId" });
    }
  });

// aircraftId is required when the request named a category instead of an aircraft.
export const approveRequestBody = z.object({ aircraftId: id.optional(), notes }).strict();
export const declineRequestBody = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
export const closeRequestBody = z.object({ notes }).strict();

export const listRequestsQuery = z
  .object({
    status: z.enum(requestStatuses).optional(),
    // Requests in which this city lends or borrows.
    city: cityCode.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

// Defaults to the caller's city.
export const incidentsInCityQuery = z.object({ city: cityCode.optional() }).strict();

export const createCityBody = z
  .object({ code: cityCode, nameZh: z.string().trim().min(1).max(60), nameEn: z.string().trim().min(1).max(60), active: z.boolean().optional() })
  .strict();

export const updateCityBody = z
  .object({ nameZh: z.string().trim().min(1).max(60).optional(), nameEn: z.string().trim().min(1).max(60).optional(), active: z.boolean().optional() })
  .strict();

export type CreateRequest = z.infer<typeof createRequestBody>;
export type ListRequestsQuery = z.infer<typeof listRequestsQuery>;
