import { presentIncident } from "../incidents/presenter.js";
import { requiredLandingSizeM } from "./landing.js";
import type { Candidate, CandidateReport } from "./service.js";
import { BUCKET_FILL_DROP_MIN } from "./water.js";

// One decimal of a minute or kilometre is all a dispatcher reads.
function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

function presentCandidate(candidate: Candidate, rank: number) {
  const { aircraft, eta, capabilities } = candidate;
  return {
    rank,
    aircraftId: aircraft.id,
    registration: aircraft.registration,
    callsign: aircraft.callsign,
    icaoAddress: aircraft.icaoAddress,
    typeId: aircraft.type.id,
    typeName: aircraft.type.name,
    typeNameZh: aircraft.type.nameZh,
    category: aircraft.type.category,
    homeBaseId: aircraft.homeBaseId,
    // The owner city, and the city the aircraft serves while on loan.
    city: aircraft.city,
    servingCity: aircraft.servingCity,
    loanRequestId: aircraft.loanRequestId,
    // Whether the caller's city may dispatch it; a partner aircraft needs mutual aid first.
    atDisposal: candidate.disposalReason === null,
    disposalReason: candidate.disposalReason,
    airborne: candidate.airborne,
    capable: candidate.capable,
    capabilities: {
      bucketCapacityL: capabilities.bucketCapacityL,
      seats: capabilities.seats,
      stretchers: capabilities.stretchers,
      hoist: capabilities.hoist,
      nightCapable: aircraft.type.nightCapable,
    },
    status: eta.status,
    etaMin: round1(eta.etaMin),
    readinessMin: round1(eta.readinessMin),
    flightMin: round1(eta.flightMin),
    distanceKm: round1(eta.distanceKm),
    totalMissionMin: round1(eta.totalMissionMin),
    returnBaseId: eta.returnBase ? Number(eta.returnBase.id) : null,
    meetsTarget: eta.meetsTarget,
    reasons: eta.reasons,
    requiredLandingSizeM: requiredLandingSizeM(aircraft.type),
    landingPointId: candidate.landingPointId,
    bucket: candidate.bucket
      ? {
          waterSourceId: candidate.bucket.waterSourceId,
          turnMin: round1(candidate.bucket.turnMin),
          dropsPerHour: round1(candidate.bucket.dropsPerHour),
          litresPerHour: Math.round(candidate.bucket.litresPerHour),
        }
      : null,
  };
}

// Lists every field of the candidate report that goes out.
export function presentCandidateReport(report: CandidateReport) {
  return {
    incident: presentIncident(report.incident),
    at: report.at.toISOString(),
    night: report.night,
    targetMin: report.targetMin,
    requiredCapability: report.capability,
    bucketFillDropMin: BUCKET_FILL_DROP_MIN,
    candidates: report.candidates.map((candidate, index) => presentCandidate(candidate, index + 1)),
    withoutHomeBase: report.withoutHomeBase.map((aircraft) => ({ aircraftId: aircraft.id, registration: aircraft.registration })),
    landingPoints: report.landingPoints.map((site) => ({
      id: site.id,
      nameZh: site.nameZh,
      nameEn: site.nameEn,
      surface: site.surface,
      sizeM: site.sizeM,
      nightCapable: site.nightCapable,
      lonLat: site.lonLat,
      distanceKm: round1(site.distanceKm),
      usableNow: site.usableNow,
      suitableTypeIds: site.suitableTypeIds,
    })),
    waterSources: report.waterSources.map((source) => ({
      id: source.id,
      nameZh: source.nameZh,
      nameEn: source.nameEn,
      kind: source.kind,
      lonLat: source.lonLat,
      distanceKm: round1(source.distanceKm),
    })),
  };
}
