import { ApiError } from "../http/errors.js";
import type { AppDeps } from "../http/context.js";
import { selectPositions, summarizeWindow, type PositionTuple } from "./history-query.js";
import { MAX_POSITIONS, type HistoryRequest } from "./history-request.js";
import { chooseThinningInterval, thinnedTotalBound, THINNING_INTERVALS_S } from "./thinning.js";

export interface AircraftHistory {
  icaoAddress: string;
  // The fleet callsign, else the live one while the aircraft is still tracked, else null.
  callsign: string | null;
  registration: string | null;
  aircraftId: number | null;
  fleet: boolean;
  // Positions stored in the window, before thinning.
  count: number;
  firstTime: string;
  lastTime: string;
  positions: PositionTuple[];
}

export const positionFields = ["time", "lon", "lat", "altitudeM", "groundSpeedKmh", "trackDeg"] as const;

// Loads every aircraft with positions in the window and their positions,
// thinned when the window contains more than request.maxPositions. Raises 422
// history_too_large when even the longest interval keeps too many.
export async function loadHistory(deps: AppDeps, request: HistoryRequest) {
  const summaries = await summarizeWindow(deps.database, request);

  const intervalS = chooseThinningInterval(summaries, request.maxPositions);
  if (intervalS === undefined) {
    const longestS = THINNING_INTERVALS_S.at(-1)!;
    throw new ApiError(422, {
      code: "history_too_large",
      field: "maxPositions",
      value: request.maxPositions,
      expected: String(MAX_POSITIONS),
      params: { intervalS: longestS, needed: thinnedTotalBound(summaries, longestS) },
    });
  }

  const positionsByAddress = new Map<string, PositionTuple[]>();
  for (const row of await selectPositions(deps.database, request, intervalS)) {
    const list = positionsByAddress.get(row.icaoAddress) ?? [];
    list.push(row.position);
    positionsByAddress.set(row.icaoAddress, list);
  }

  // NOTE: positions carry no callsign column, so traffic outside the fleet
  // that is no longer tracked live has callsign null.
  const aircraft: AircraftHistory[] = summaries.map((summary) => ({
    icaoAddress: summary.icaoAddress,
    callsign: summary.fleetCallsign ?? deps.tracking?.table.get(summary.icaoAddress)?.callsign ?? null,
    registration: summary.registration,
    aircraftId: summary.aircraftId,
    fleet: summary.aircraftId !== null,
    count: summary.count,
    firstTime: summary.firstTime,
    lastTime: summary.lastTime,
    positions: positionsByAddress.get(summary.icaoAddress) ?? [],
  }));

  return {
    from: new Date(request.fromMs).toISOString(),
    to: new Date(request.toMs).toISOString(),
    bbox: request.bbox,
    thinning: { intervalS, maxPositions: request.maxPositions },
    positionFields,
    total: aircraft.length,
    positionCount: aircraft.reduce((sum, entry) => sum + entry.positions.length, 0),
    aircraft,
  };
}
