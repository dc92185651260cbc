import { rejectReasons, type RejectReason } from "../observation.js";

// Counters for one feed source. Per-message events are counted, never logged
// one by one.
export class SourceStats {
  received = 0;
  decoded = 0;
  // Decoded messages that another source had already reported, as when two
  // receivers hear one aircraft. They are normal traffic, not in `rejected`.
  merged = 0;
  rejected: Record<RejectReason, number> = Object.fromEntries(rejectReasons.map((r) => [r, 0])) as Record<RejectReason, number>;
  lastMessageMs: number | null = null;
  connected = false;
  reconnects = 0;
  lastError: string | null = null;
  // True when the source shifts decoded positions by a fixed offset, so the
  // console can show that the traffic on screen is a relocated recording.
  relocated = false;

  constructor(
    readonly sourceId: string,
    readonly format: string,
    readonly transport: string,
  ) {}

  countReceived(nowMs: number): void {
    this.received++;
    this.lastMessageMs = nowMs;
  }

  countRejected(reason: RejectReason): void {
    this.rejected[reason]++;
  }

  countMerged(): void {
    this.merged++;
  }

  toJSON() {
    return {
      id: this.sourceId,
      format: this.format,
      transport: this.transport,
      connected: this.connected,
      received: this.received,
      decoded: this.decoded,
      merged: this.merged,
      rejected: { ...this.rejected },
      rejectedTotal: Object.values(this.rejected).reduce((a, b) => a + b, 0),
      lastMessageAt: this.lastMessageMs === null ? null : new Date(this.lastMessageMs).toISOString(),
      reconnects: this.reconnects,
      lastError: this.lastError,
      relocated: this.relocated,
    };
  }
}

// Receiver of every source's observations. The pipeline counts what the
// track table rejects (stale, implausible jump, duplicate) against the
// source's stats found by `observation.sourceId`. Parse failures are counted
// by the source itself with countRejected.
export interface ObservationSink {
  ingest(observation: import("../observation.js").Observation): void;
}
