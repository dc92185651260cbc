import type { ArrivalRow } from "./repository.js";
import { isActive } from "./transitions.js";

export interface ArrivalStats {
  // Dispatched missions in the window, cancelled ones excluded.
  missions: number;
  arrived: number;
  arrivedWithinTarget: number;
  // Still en route and inside their target time: not yet a hit or a miss.
  pending: number;
  // arrivedWithinTarget / (missions - pending); null when nothing is decided yet.
  shareWithinTarget: number | null;
  medianArrivalMin: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// Summarises dispatch-to-on-scene times. A mission that never arrived counts
// as a miss once its target time has passed, or once it is no longer active.
export function arrivalStats(rows: readonly ArrivalRow[], nowMs: number): ArrivalStats {
  const arrivals: number[] = [];
  let arrivedWithinTarget = 0;
  let pending = 0;

  for (const row of rows) {
    if (row.arrivalMin !== null) {
      arrivals.push(row.arrivalMin);
      if (row.arrivalMin <= row.targetMin) {
        arrivedWithinTarget++;
      }
      continue;
    }
    if (isActive(row.status) && nowMs < row.dispatchedAtMs + row.targetMin * 60_000) {
      pending++;
    }
  }

  const decided = rows.length - pending;
  return {
    missions: rows.length,
    arrived: arrivals.length,
    arrivedWithinTarget,
    pending,
    shareWithinTarget: decided === 0 ? null : arrivedWithinTarget / decided,
    medianArrivalMin: median(arrivals),
  };
}

// Statistics overall and per incident kind, kinds in alphabetical order.
export function arrivalStatsByKind(rows: readonly ArrivalRow[], nowMs: number) {
  const kinds = [...new Set(rows.map((row) => row.kind))].sort();
  return {
    overall: arrivalStats(rows, nowMs),
    byKind: kinds.map((kind) => ({ kind, ...arrivalStats(rows.filter((row) => row.kind === kind), nowMs) })),
  };
}
