import type { AircraftInput, BaseInput, EtaOptions, EtaResult, ReturnLeg, UnableReason } from "./eta-types.js";
import { type LonLat, geodesicInverse } from "./geodesy.js";
import { type MissionProfile, buildMissionProfile, resolveEtaOptions } from "./mission.js";
import { type Wind, solveWindTriangle, windComponents } from "./wind.js";

// The ETA of one aircraft to one point, on exact WGS-84 geodesics:
//
//   etaMin = readiness (day or night; 0 when airborne) + approval delay
//          + geodesic distance / ground speed on the track
//
// The aircraft counts as able only if it can also get back, to its home base
// or to another base with fuel (whichever is the shorter flight), within both
//   out + on scene + back <= endurance - reserve                     (minutes)
//   out + back + on-scene allowance <= range - reserve at cruise     (km)
// The wind enters through the ground speed of each leg, so only the time
// limit depends on it. The range limit is on ground distance, as rated ranges are.

/** Estimates the ETA of one aircraft to `targetLonLat`; `bases` lists every base that may refuel it. */
export function estimateEta(
  aircraft: AircraftInput,
  targetLonLat: LonLat,
  bases: readonly BaseInput[],
  options: Partial<EtaOptions> = {},
): EtaResult {
  const resolved = resolveEtaOptions(options);
  return evaluateMission(buildMissionProfile(aircraft, bases, resolved), targetLonLat, resolved);
}

/**
 * Estimates every aircraft's ETA to `targetLonLat` and ranks them: able aircraft
 * first by ETA, then unable ones by ETA (unknown last), ties by aircraft id.
 */
export function rankByEta(
  aircraftList: readonly AircraftInput[],
  targetLonLat: LonLat,
  bases: readonly BaseInput[],
  options: Partial<EtaOptions> = {},
): EtaResult[] {
  const resolved = resolveEtaOptions(options);
  const results = aircraftList.map((aircraft) =>
    evaluateMission(buildMissionProfile(aircraft, bases, resolved), targetLonLat, resolved),
  );

  return results.sort(compareResults);
}

function compareResults(first: EtaResult, second: EtaResult): number {
  if (first.status !== second.status) {
    return first.status === "ok" ? -1 : 1;
  }

  const firstEtaMin = first.etaMin ?? Number.POSITIVE_INFINITY;
  const secondEtaMin = second.etaMin ?? Number.POSITIVE_INFINITY;
  if (firstEtaMin !== secondEtaMin) {
    return firstEtaMin - secondEtaMin;
  }
  if (first.aircraftId === second.aircraftId) {
    return 0;
  }
  return first.aircraftId < second.aircraftId ? -1 : 1;
}

function evaluateMission(profile: MissionProfile, targetLonLat: LonLat, options: EtaOptions): EtaResult {
  const reasons: UnableReason[] = [...profile.blockingReasons];

  // Outbound leg from the start point (home base or live position).
  const outbound = geodesicInverse(profile.aircraft.startLonLat, targetLonLat);
  const outboundTrackDeg = midTrackAzimuthDeg(outbound.initialAzimuthDeg, outbound.finalAzimuthDeg);
  const outboundWind = solveWindTriangle(profile.airspeedKmh, outboundTrackDeg, options.wind);
  if (outboundWind === null) {
    reasons.push(windReason("outbound", profile.airspeedKmh, outboundTrackDeg, options.wind));
  }

  const groundSpeedKmh = outboundWind?.groundSpeedKmh ?? null;
  const flightMin = groundSpeedKmh === null ? null : (outbound.distanceKm / groundSpeedKmh) * 60;
  const etaMin = flightMin === null ? null : profile.readinessMin + profile.approvalDelayMin + flightMin;

  // Return leg to the base reached soonest.
  const returnBase = fastestReturn(profile, targetLonLat, options.wind);
  if (returnBase === null) {
    reasons.push(returnWindReason(profile, targetLonLat, options.wind));
  }

  // Fuel limits, checked in time and in distance.
  if (flightMin !== null && returnBase !== null) {
    const requiredMin = flightMin + profile.onSceneMin + returnBase.flightMin;
    if (requiredMin > profile.availableEnduranceMin) {
      reasons.push({ code: "endurance", detail: { requiredMin, availableMin: profile.availableEnduranceMin } });
    }

    const requiredKm = outbound.distanceKm + returnBase.distanceKm + profile.onSceneRangeKm;
    if (requiredKm > profile.availableRangeKm) {
      reasons.push({ code: "out_of_range", detail: { requiredKm, availableKm: profile.availableRangeKm } });
    }
  }

  const status = reasons.length === 0 ? "ok" : "unable";
  const totalMissionMin =
    etaMin === null || returnBase === null ? null : etaMin + profile.onSceneMin + returnBase.flightMin;

  return {
    aircraftId: profile.aircraft.id,
    etaMin,
    readinessMin: profile.readinessMin,
    approvalDelayMin: profile.approvalDelayMin,
    distanceKm: outbound.distanceKm,
    flightMin,
    groundSpeedKmh,
    returnBase,
    totalMissionMin,
    meetsTarget: status === "ok" && etaMin !== null && etaMin <= options.targetMin,
    status,
    reasons,
  };
}

function fastestReturn(profile: MissionProfile, targetLonLat: LonLat, wind: Wind | null): ReturnLeg | null {
  let best: ReturnLeg | null = null;

  for (const base of profile.returnBases) {
    const leg = geodesicInverse(targetLonLat, base.lonLat);
    const trackDeg = midTrackAzimuthDeg(leg.initialAzimuthDeg, leg.finalAzimuthDeg);
    const solution = solveWindTriangle(profile.airspeedKmh, trackDeg, wind);
    if (solution === null) {
      continue;
    }

    const flightMin = (leg.distanceKm / solution.groundSpeedKmh) * 60;
    if (best === null || flightMin < best.flightMin) {
      best = { id: base.id, distanceKm: leg.distanceKm, flightMin };
    }
  }
  return best;
}

// Reports the wind on the leg home when no return base can be reached against it.
function returnWindReason(profile: MissionProfile, targetLonLat: LonLat, wind: Wind | null): UnableReason {
  const home = geodesicInverse(targetLonLat, profile.aircraft.homeBase.lonLat);
  const trackDeg = midTrackAzimuthDeg(home.initialAzimuthDeg, home.finalAzimuthDeg);
  return windReason("return", profile.airspeedKmh, trackDeg, wind);
}

function windReason(leg: "outbound" | "return", airspeedKmh: number, trackDeg: number, wind: Wind | null): UnableReason {
  const components = wind === null ? { headwindKmh: 0, crosswindKmh: 0 } : windComponents(trackDeg, wind);
  return { code: "wind", detail: { leg, airspeedKmh, ...components } };
}

// The wind triangle needs one track per leg. A geodesic's azimuth turns along
// the way (about 2 degrees over 200 km here), so use the circular mean of its
// start and end azimuths, which is its azimuth near mid-track.
function midTrackAzimuthDeg(initialAzimuthDeg: number, finalAzimuthDeg: number): number {
  const radiansPerDegree = Math.PI / 180;
  const east = Math.sin(initialAzimuthDeg * radiansPerDegree) + Math.sin(finalAzimuthDeg * radiansPerDegree);
  const north = Math.cos(initialAzimuthDeg * radiansPerDegree) + Math.cos(finalAzimuthDeg * radiansPerDegree);

  return Math.atan2(east, north) / radiansPerDegree;
}
