import type { MutualAidApi } from "./api.js";
import type { RequestRow } from "./request-row.js";
import type { AidRequest } from "./types.js";

// Loads the coverage impact of pending requests and active loans into their
// rows, once per status and aircraft, because each measurement runs the
// coverage model twice per city. Other statuses show none.
export class ImpactTracker {
  // The status and aircraft each request's impact was last measured for.
  private readonly keys = new Map<number, string>();

  constructor(private readonly api: MutualAidApi) {}

  async refresh(request: AidRequest, row: RequestRow): Promise<void> {
    if (request.status !== "requested" && request.status !== "approved") {
      this.keys.delete(request.id);
      row.setImpact(null);
      return;
    }
    const key = `${request.status}:${request.aircraftId ?? ""}`;
    if (this.keys.get(request.id) === key) {
      return;
    }
    this.keys.set(request.id, key);
    row.setImpact({ kind: "loading" });

    const state = await this.api.coverageImpact(request.id).then(
      (impact) => ({ kind: "ready" as const, impact }),
      (error: Error) => ({ kind: "failed" as const, message: error.message }),
    );
    // A later step may have changed the request while this one was measured.
    if (this.keys.get(request.id) === key) {
      row.setImpact(state);
    }
  }
}
