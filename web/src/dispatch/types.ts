// The API responses the panel reads, with only the fields it uses.
export interface IncidentView {
  id: number;
  kind: string;
  priority: number;
  lonLat: [number, number];
}

export interface CandidateView {
  rank: number;
  aircraftId: number;
  registration: string;
  callsign: string | null;
  // The owner city, and the city the aircraft serves while on loan.
  city: string;
  servingCity: string;
  // False for a partner aircraft, which comes through mutual aid first.
  atDisposal: boolean;
  disposalReason: "needs_mutual_aid" | "on_loan" | null;
  capabilities: CapabilitiesView;
  typeName: string;
  typeNameZh: string | null;
  status: "ok" | "unable";
  etaMin: number | null;
  meetsTarget: boolean;
  reasons: UnableReasonView[];
  bucket: { turnMin: number; dropsPerHour: number } | null;
}

// The capabilities of the aircraft's type, from the candidate list.
export interface CapabilitiesView {
  bucketCapacityL: number | null;
  seats: number;
  stretchers: number;
  hoist: boolean;
  nightCapable: boolean;
}

// One reason from the model; detail carries its numbers (see eta-types.ts).
export interface UnableReasonView {
  code: string;
  detail?: Record<string, unknown>;
}

export interface CandidateReportView {
  targetMin: number;
  candidates: CandidateView[];
}

export interface MissionEventView {
  time: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  note: string | null;
}

export interface MissionView {
  id: number;
  registration: string;
  status: string;
  arrivalMin: number | null;
  // Only GET /missions/:id and the writes return the timeline, not the list.
  timeline?: MissionEventView[];
}

export interface AlertView {
  id: number;
  kind: string;
  level: string;
  registration: string;
  callsign: string | null;
  icaoAddress: string | null;
  message: Record<string, string>;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  clearedAt: string | null;
}

export interface AlertFrameMessage {
  type: "alert";
  change: "raised" | "level_changed" | "acknowledged" | "cleared";
  alert: AlertView;
}

// The WebSocket frame sent when a mission is created or changes status, by
// hand or by tracking; `mission` carries its timeline.
export interface MissionFrameMessage {
  type: "mission";
  mission: MissionView;
}
