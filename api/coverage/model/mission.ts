import type { AircraftInput, BaseInput, EtaOptions, UnableReason } from "./eta-types.js";

// The per-aircraft part of the ETA rules, shared by the exact ETA (eta.ts) and
// the response-time grid (grid.ts) so that both apply the same limits. Only the
// legs' distances and tracks differ between the two.

export const DEFAULT_ETA_OPTIONS: Readonly<EtaOptions> = {
  targetMin: 120,
  reserveMin: 30,
  // Temporary flight approval has been the largest part of real responses over
  // 2 hours in this region, so planners set it; 0 shows the aircraft-only time.
  approvalDelayMin: 0,
  // NOTE: one value for every incident kind until planners give per-kind times.
  onSceneMin: 15,
  wind: null,
  withBucket: false,
  night: false,
};

export interface MissionProfile {
  aircraft: AircraftInput;
  // Reasons that make the aircraft unable wherever the target is.
  blockingReasons: UnableReason[];
  readinessMin: number;
  approvalDelayMin: number;
  onSceneMin: number;
  // True airspeed on both legs: bucket cruise when withBucket, else cruise.
  airspeedKmh: number;
  // Flight time left for out + on scene + back, after the reserve (and, airborne, any hold).
  availableEnduranceMin: number;
  // Ground distance left for out + back + the on-scene allowance, after the reserve.
  availableRangeKm: number;
  // Fuel used over the scene, as kilometres at cruise.
  onSceneRangeKm: number;
  // Home base first, then the other bases with fuel; at night only those open at night.
  returnBases: BaseInput[];
}

/** Fills in the defaults for options a caller leaves out. */
export function resolveEtaOptions(options: Partial<EtaOptions> = {}): EtaOptions {
  const resolved = { ...DEFAULT_ETA_OPTIONS, ...options };

  for (const field of ["targetMin", "reserveMin", "approvalDelayMin", "onSceneMin"] as const) {
    assertNonNegative(field, resolved[field]);
  }
  if (resolved.wind !== null) {
    assertNonNegative("wind.speedKmh", resolved.wind.speedKmh);
    if (!Number.isFinite(resolved.wind.fromDeg)) {
      throw new RangeError(`wind.fromDeg: invalid value ${resolved.wind.fromDeg}; expected degrees`);
    }
  }
  return resolved;
}

/**
 * Builds the target-independent limits of one aircraft for one set of options.
 * Airborne aircraft take off at once (readiness 0) but hold while the approval
 * is pending, which burns their remaining fuel.
 */
export function buildMissionProfile(
  aircraft: AircraftInput,
  bases: readonly BaseInput[],
  options: EtaOptions,
): MissionProfile {
  validateAircraft(aircraft);
  const blockingReasons: UnableReason[] = [];

  let readinessMin = options.night ? aircraft.readinessNightMin : aircraft.readinessDayMin;
  if (aircraft.airborne) {
    readinessMin = 0;
  }
  const minutesToCruiseKm = aircraft.cruiseSpeedKmh / 60;

  let airspeedKmh = aircraft.cruiseSpeedKmh;
  if (options.withBucket) {
    if (aircraft.bucketCruiseSpeedKmh === null) {
      blockingReasons.push({ code: "no_bucket", detail: { typeId: aircraft.typeId } });
    } else {
      airspeedKmh = aircraft.bucketCruiseSpeedKmh;
    }
  }

  if (options.night) {
    if (!aircraft.nightCapable) {
      blockingReasons.push({ code: "night", detail: { cause: "aircraft_not_night_capable" } });
    }
    if (!aircraft.homeBase.nightOperations) {
      blockingReasons.push({
        code: "night",
        detail: { cause: "home_base_closed_at_night", baseId: aircraft.homeBase.id },
      });
    }
  }

  let fuelMin = aircraft.enduranceMin;
  let holdMin = 0;
  if (aircraft.airborne) {
    if (aircraft.remainingEnduranceMin === null) {
      blockingReasons.push({ code: "endurance_unknown", detail: { aircraftId: aircraft.id } });
    }
    fuelMin = aircraft.remainingEnduranceMin ?? 0;
    holdMin = options.approvalDelayMin;
  }

  // NOTE: an airborne aircraft's range is scaled by its fuel left, assuming
  // range and endurance shrink together; no fuel quantity is reported.
  const fuelFraction = fuelMin / aircraft.enduranceMin;
  const availableEnduranceMin = fuelMin - options.reserveMin - holdMin;
  const availableRangeKm = aircraft.rangeKm * fuelFraction - (options.reserveMin + holdMin) * minutesToCruiseKm;

  return {
    aircraft,
    blockingReasons,
    readinessMin,
    approvalDelayMin: options.approvalDelayMin,
    onSceneMin: options.onSceneMin,
    airspeedKmh,
    availableEnduranceMin,
    availableRangeKm,
    onSceneRangeKm: options.onSceneMin * minutesToCruiseKm,
    returnBases: returnBasesFor(aircraft, bases, options.night),
  };
}

function returnBasesFor(aircraft: AircraftInput, bases: readonly BaseInput[], night: boolean): BaseInput[] {
  const candidates = [aircraft.homeBase];

  for (const base of bases) {
    if (base.id === aircraft.homeBase.id || !base.fuelAvailable) {
      continue;
    }
    if (night && !base.nightOperations) {
      continue;
    }
    candidates.push(base);
  }
  return candidates;
}

function validateAircraft(aircraft: AircraftInput): void {
  for (const field of ["cruiseSpeedKmh", "rangeKm", "enduranceMin"] as const) {
    if (!(aircraft[field] > 0)) {
      throw new RangeError(`aircraft ${aircraft.id}: ${field} must be > 0; got ${aircraft[field]}`);
    }
  }
  if (aircraft.bucketCruiseSpeedKmh !== null && !(aircraft.bucketCruiseSpeedKmh > 0)) {
    throw new RangeError(
      `aircraft ${aircraft.id}: bucketCruiseSpeedKmh must be > 0 or null; got ${aircraft.bucketCruiseSpeedKmh}`,
    );
  }
  for (const field of ["readinessDayMin", "readinessNightMin"] as const) {
    assertNonNegative(`aircraft ${aircraft.id}: ${field}`, aircraft[field]);
  }
  if (aircraft.remainingEnduranceMin !== null) {
    assertNonNegative(`aircraft ${aircraft.id}: remainingEnduranceMin`, aircraft.remainingEnduranceMin);
  }
}

function assertNonNegative(field: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new RangeError(`${field} must be a finite number >= 0; got ${value}`);
  }
}
