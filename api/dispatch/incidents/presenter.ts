import { toIso } from "../http.js";
import type { IncidentRow } from "./repository.js";

// Lists every field of an incident that goes out. `geometry` is what was
// reported (the point or the fire-front polygon); `lonLat` is where aircraft fly to.
export function presentIncident(row: IncidentRow) {
  return {
    id: row.id,
    kind: row.kind,
    priority: row.priority,
    status: row.status,
    reporter: row.reporter,
    notes: row.notes,
    reportedAt: toIso(row.reportedAt),
    lonLat: row.lonLat,
    geometry: row.area ?? { type: "Point" as const, coordinates: row.lonLat },
    createdBy: row.createdBy,
    closedAt: toIso(row.closedAt),
    closedBy: row.closedBy,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

export type IncidentOutput = ReturnType<typeof presentIncident>;
