import type { IncidentKind } from "../incidents/schema.js";

// The loads an aircraft type can carry, from its aircraft_types row.
export interface TypeCapabilities {
  bucketCapacityL: number | null;
  bucketCruiseSpeedKmh: number | null;
  seats: number;
  stretchers: number;
  hoist: boolean;
}

export type Capability = "bucket" | "stretcher" | "hoist_or_seats";

// Cabin seats that a search-and-rescue aircraft without a hoist needs: a
// rescue team of two and at least two survivors. NOTE: a planning assumption
// of this service, not a published standard; planners may change it.
export const SAR_MIN_SEATS = 4;

// The capability an incident kind needs; kinds not listed accept any aircraft.
export function requiredCapability(kind: IncidentKind): Capability | null {
  switch (kind) {
    case "forest_fire":
    case "grassland_fire":
      return "bucket";
    case "medical_evacuation":
      return "stretcher";
    case "search_and_rescue":
      return "hoist_or_seats";
    default:
      return null;
  }
}

export function hasCapability(type: TypeCapabilities, capability: Capability | null): boolean {
  switch (capability) {
    case null:
      return true;
    case "bucket":
      return (type.bucketCapacityL ?? 0) > 0 && type.bucketCruiseSpeedKmh !== null;
    case "stretcher":
      return type.stretchers > 0;
    case "hoist_or_seats":
      return type.hoist || type.seats >= SAR_MIN_SEATS;
  }
}

export function isFireKind(kind: IncidentKind): boolean {
  return kind === "forest_fire" || kind === "grassland_fire";
}
