import type { LonLat } from "./geodesy.js";
import type { Wind } from "./wind.js";

// Inputs and outputs of the response-time model. All units are metric and in
// the field names. Coordinates are [lon, lat] degrees on WGS-84.

export type AircraftCategory = "helicopter" | "fixed_wing" | "drone";

export interface BaseInput {
  id: string;
  lonLat: LonLat;
  // The base can launch and receive aircraft between civil dusk and civil dawn.
  nightOperations: boolean;
  fuelAvailable: boolean;
}

export interface AircraftInput {
  id: string;
  registration: string;
  typeId: string;
  category: AircraftCategory;
  // True airspeed in still air.
  cruiseSpeedKmh: number;
  // Cruise with an underslung fire-fighting bucket; null when none can be fitted.
  bucketCruiseSpeedKmh: number | null;
  // Still-air range and endurance on full fuel, before any reserve.
  rangeKm: number;
  enduranceMin: number;
  // Time from alert to take-off, by day and by night.
  readinessDayMin: number;
  readinessNightMin: number;
  nightCapable: boolean;
  // Home base position on the ground, or the live position when airborne.
  startLonLat: LonLat;
  // Fuel left in minutes of flight; required when airborne, ignored otherwise.
  remainingEnduranceMin: number | null;
  airborne: boolean;
  homeBase: BaseInput;
}

export interface EtaOptions {
  // Response-time target; the Bayannur plan sets 2 hours to major disaster-risk areas.
  targetMin: number;
  // Fuel kept in reserve on landing, in minutes of flight at cruise.
  reserveMin: number;
  // Wait for a temporary flight approval before take-off, or before leaving the current route when airborne.
  approvalDelayMin: number;
  // Time over the scene (hoist, landing, bucket drops), flown at cruise-equivalent fuel burn.
  onSceneMin: number;
  wind: Wind | null;
  // Fly out and back at bucketCruiseSpeedKmh with the bucket slung.
  withBucket: boolean;
  // Plan for night operations: the caller decides this, e.g. with daylight.isNight at take-off.
  night: boolean;
}

export type UnableReason =
  | { code: "night"; detail: { cause: "aircraft_not_night_capable" | "home_base_closed_at_night"; baseId?: string } }
  | { code: "no_bucket"; detail: { typeId: string } }
  | { code: "endurance_unknown"; detail: { aircraftId: string } }
  | {
      code: "wind";
      detail: { leg: "outbound" | "return"; airspeedKmh: number; headwindKmh: number; crosswindKmh: number };
    }
  | { code: "endurance"; detail: { requiredMin: number; availableMin: number } }
  | { code: "out_of_range"; detail: { requiredKm: number; availableKm: number } };

export type UnableReasonCode = UnableReason["code"];

export interface ReturnLeg {
  // Id of the base the aircraft lands at after the mission.
  id: string;
  distanceKm: number;
  flightMin: number;
}

export interface EtaResult {
  aircraftId: string;
  // Alert to arrival over the target; null when the outbound leg cannot be flown.
  etaMin: number | null;
  readinessMin: number;
  approvalDelayMin: number;
  distanceKm: number;
  flightMin: number | null;
  groundSpeedKmh: number | null;
  returnBase: ReturnLeg | null;
  // Alert to landing at the return base: etaMin + onSceneMin + return flight.
  totalMissionMin: number | null;
  meetsTarget: boolean;
  status: "ok" | "unable";
  reasons: UnableReason[];
}
