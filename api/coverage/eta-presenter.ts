import type { BaseRecord } from "./fleet-query.js";
import type { EtaRanking, RankedEta } from "./eta-service.js";
import { presentOptions } from "./options-presenter.js";
import { presentReason, round2 } from "./reasons.js";

// The response of GET /api/v1/eta. Times are minutes and distances km,
// rounded to 0.01; every field that leaves the API is listed here.

/** Presents a ranking, best first. */
export function presentEtaRanking(ranking: EtaRanking) {
  const basesById = new Map(ranking.snapshot.bases.map((base) => [String(base.id), base]));
  const request = ranking.request;

  return {
    target: { lonLat: ranking.targetLonLat },
    options: presentOptions(request, request.night.kind === "fixed" ? request.night.night : null),
    counts: {
      aircraft: ranking.ranked.length,
      able: ranking.ranked.filter((entry) => entry.result.status === "ok").length,
      meetsTarget: ranking.ranked.filter((entry) => entry.result.meetsTarget).length,
    },
    aircraft: ranking.ranked.map((entry, index) => presentEntry(entry, index + 1, basesById)),
    withoutHomeBase: ranking.withoutHomeBase.map((record) => ({ aircraftId: record.id, registration: record.registration })),
  };
}

function presentEntry(entry: RankedEta, rank: number, basesById: ReadonlyMap<string, BaseRecord>) {
  const { result, record } = entry;
  const homeBase = basesById.get(String(record.homeBaseId))!;
  const returnBase = result.returnBase === null ? null : basesById.get(result.returnBase.id)!;

  return {
    rank,
    aircraftId: record.id,
    registration: record.registration,
    callsign: record.callsign,
    typeId: record.type.id,
    typeName: record.type.name,
    typeNameZh: record.type.nameZh,
    category: record.type.category,
    city: record.city,
    aircraftStatus: record.status,
    homeBase: presentBaseRef(homeBase),
    airborne: entry.airborne,
    startLonLat: entry.startLonLat,
    night: entry.night,
    etaMin: roundOrNull(result.etaMin),
    readinessMin: round2(result.readinessMin),
    approvalDelayMin: round2(result.approvalDelayMin),
    distanceKm: round2(result.distanceKm),
    flightMin: roundOrNull(result.flightMin),
    groundSpeedKmh: roundOrNull(result.groundSpeedKmh),
    returnBase:
      result.returnBase === null || returnBase === null
        ? null
        : {
            ...presentBaseRef(returnBase),
            distanceKm: round2(result.returnBase.distanceKm),
            flightMin: round2(result.returnBase.flightMin),
          },
    totalMissionMin: roundOrNull(result.totalMissionMin),
    meetsTarget: result.meetsTarget,
    status: result.status,
    reasons: result.reasons.map((reason) => presentReason(reason, record.type.id, basesById)),
  };
}

export function presentBaseRef(base: BaseRecord) {
  return { id: base.id, code: base.code, nameZh: base.nameZh, nameEn: base.nameEn };
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round2(value);
}
