import type { Aircraft } from "../assets/types.js";
import { currentLanguage } from "../core/i18n.js";
import type { AidCapability, AidRequest, Fleet, TypeTraits } from "./types.js";

function hasCapability(type: TypeTraits, capability: AidCapability): boolean {
  switch (capability) {
    case "hoist":
      return type.hoist === true;
    case "night":
      return type.nightCapable === true;
    case "bucket":
      return (type.bucketCapacityL ?? 0) > 0;
    case "stretcher":
      return (type.stretchers ?? 0) > 0;
  }
}

// The lending city's aircraft that the API would accept on approving an
// "any suitable aircraft" request: available, not on loan, of the category
// and with every capability asked for (as assertSuitable in
// api/mutual-aid/repository.ts checks).
export function lendableAircraft(fleet: Fleet, request: AidRequest): Aircraft[] {
  return fleet.aircraft.filter((plane) => {
    const type = fleet.types.get(plane.typeId);
    if (!type || plane.city !== request.lendingCity || plane.status !== "available" || fleet.onLoan.has(plane.id)) {
      return false;
    }
    if (request.category !== null && type.category !== request.category) {
      return false;
    }
    return request.capabilities.every((capability) => hasCapability(type, capability));
  });
}

// "B-7Z39 莱昂纳多AW139" (registration and type name), or "#id" for an aircraft the fleet lacks.
export function aircraftLabel(fleet: Fleet | null, aircraftId: number): string {
  const plane = fleet?.aircraft.find((candidate) => candidate.id === aircraftId);
  if (!plane) {
    return `#${aircraftId}`;
  }
  const type = fleet!.types.get(plane.typeId);
  const typeName = currentLanguage() === "en" ? type?.name : (type?.nameZh ?? type?.name);
  return typeName ? `${plane.registration} ${typeName}` : plane.registration;
}
