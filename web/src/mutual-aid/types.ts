import type { Aircraft } from "../assets/types.js";

export interface City {
  code: string;
  nameZh: string;
  nameEn: string | null;
  home: boolean;
  active: boolean;
}

export type AidStatus = "requested" | "approved" | "declined" | "cancelled" | "returned";
export type AircraftCategory = "helicopter" | "fixed_wing" | "drone";
export type AidCapability = "hoist" | "night" | "bucket" | "stretcher";

// A mutual-aid request as the API presents it (api/mutual-aid/presenter.ts).
// Times are ISO 8601 in UTC; the *By fields are the acting principal's name.
export interface AidRequest {
  id: number;
  status: AidStatus;
  requestingCity: string;
  lendingCity: string;
  aircraftId: number | null;
  category: AircraftCategory | null;
  capabilities: AidCapability[];
  incidentId: number | null;
  notes: string | null;
  declineReason: string | null;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  returnedBy: string | null;
  returnedAt: string | null;
}

// The {type: "mutual_aid"} frame the hub sends on each step.
export interface AidFrame {
  type: "mutual_aid";
  event: "requested" | "approved" | "declined" | "cancelled" | "returned";
  request: AidRequest;
}

export interface Loan {
  requestId: number;
  aircraftId: number;
}

// The aircraft type fields that decide whether an aircraft meets a request.
export interface TypeTraits {
  id: string;
  name: string;
  nameZh: string | null;
  category: AircraftCategory;
  hoist?: boolean;
  nightCapable?: boolean;
  bucketCapacityL?: number | null;
  stretchers?: number;
}

export interface Incident {
  id: number;
  kind: string;
  priority: number;
  status: "open" | "closed";
}

// Each city's share of its area reached within the target, as fractions 0-1.
interface ShareChange {
  before: number;
  after: number;
  delta: number;
}

// GET /mutual-aid/requests/:id/coverage-impact, the fields the panel shows.
export interface CoverageImpact {
  aircraft: { aircraftId: number; registration: string; chosenBy: "request" | "approval" | "first_suitable"; counted: boolean };
  options: { targetMin: number };
  borrower: { city: string; shareOfArea: ShareChange };
  lender: { city: string; shareOfArea: ShareChange };
}

// The fleet as the panel uses it: every aircraft, its type, and which are on loan.
export interface Fleet {
  aircraft: Aircraft[];
  types: Map<string, TypeTraits>;
  onLoan: Set<number>;
}
