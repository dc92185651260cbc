import type { mutualAidRequests } from "../db/schema.js";

export type RequestRow = typeof mutualAidRequests.$inferSelect;

// Every field of a mutual-aid request that leaves the API, in responses,
// audit rows and WebSocket frames alike.
export function presentRequest(row: RequestRow) {
  return {
    id: row.id,
    status: row.status,
    requestingCity: row.requestingCity,
    lendingCity: row.lendingCity,
    aircraftId: row.aircraftId,
    category: row.category,
    capabilities: row.capabilities,
    incidentId: row.incidentId,
    notes: row.notes,
    declineReason: row.declineReason,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    returnedBy: row.returnedBy,
    returnedAt: row.returnedAt?.toISOString() ?? null,
  };
}

export type PresentedRequest = ReturnType<typeof presentRequest>;

export type MutualAidEvent = "requested" | "approved" | "declined" | "cancelled" | "returned";

// The WebSocket frame sent on each step to the consoles of the two cities
// named in the request (seesLiveStep in routes.ts picks them).
export interface MutualAidFrame {
  type: "mutual_aid";
  event: MutualAidEvent;
  request: PresentedRequest;
}

export const mutualAidFrameFields = ["type", "event", "request"] as const;

export function mutualAidFrame(event: MutualAidEvent, row: RequestRow): MutualAidFrame {
  return { type: "mutual_aid", event, request: presentRequest(row) };
}
