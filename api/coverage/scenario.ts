import { ApiError, type ErrorDetail } from "../http/errors.js";
import type { AircraftRecord, AircraftStatus, BaseRecord, FleetSnapshot } from "./fleet-query.js";
import type { Wind } from "./model/index.js";
import type { ScenarioChange } from "./schemas.js";

// Applies what-if changes to a copy of the fleet in memory; nothing is
// written. Added bases and aircraft get negative ids (-1, -2, ...) so they
// never collide with stored ones, and added aircraft pass every city and
// status filter, because the planner placed them on purpose.

export interface ScenarioFleet {
  bases: BaseRecord[];
  aircraft: AircraftRecord[];
  // Ids of aircraft added by the scenario.
  addedAircraftIds: Set<number>;
  // Aircraft left without a base because their base was closed.
  groundedByClosure: AircraftRecord[];
  wind: Wind | null | undefined;
}

/** Applies `changes` in order to the full fleet (every city and status) and returns the scenario fleet. */
export function applyChanges(snapshot: FleetSnapshot, changes: readonly ScenarioChange[]): ScenarioFleet {
  const fleet: ScenarioFleet = {
    bases: snapshot.bases.map((base) => ({ ...base })),
    aircraft: snapshot.aircraft.map((record) => ({ ...record })),
    addedAircraftIds: new Set(),
    groundedByClosure: [],
    wind: undefined,
  };
  const errors: ErrorDetail[] = [];
  let nextId = -1;

  changes.forEach((change, index) => {
    const field = (name: string) => `changes.${index}.${name}`;
    const error = applyChange(fleet, snapshot, change, field, () => nextId--);
    if (error !== null) {
      errors.push(error);
    }
  });

  if (errors.length > 0) {
    throw new ApiError(422, errors);
  }
  return fleet;
}

function applyChange(
  fleet: ScenarioFleet,
  snapshot: FleetSnapshot,
  change: ScenarioChange,
  field: (name: string) => string,
  newId: () => number,
): ErrorDetail | null {
  const findBase = (code: string) => fleet.bases.find((base) => base.code === code);

  switch (change.op) {
    case "add_base": {
      if (findBase(change.code) !== undefined) {
        return { code: "duplicate_value", field: field("code"), value: change.code };
      }
      fleet.bases.push({
        id: newId(),
        code: change.code,
        nameZh: change.nameZh ?? change.code,
        nameEn: null,
        kind: "air_station",
        city: "bayannur",
        fuelAvailable: change.fuelAvailable,
        nightOperations: change.nightOperations,
        lonLat: change.lonLat,
      });
      return null;
    }
    case "move_base": {
      const base = findBase(change.baseCode);
      if (base === undefined) {
        return { code: "reference_not_found", field: field("baseCode"), value: change.baseCode };
      }
      base.lonLat = change.lonLat;
      return null;
    }
    case "close_base": {
      const base = findBase(change.baseCode);
      if (base === undefined) {
        return { code: "reference_not_found", field: field("baseCode"), value: change.baseCode };
      }
      fleet.bases = fleet.bases.filter((candidate) => candidate !== base);
      fleet.groundedByClosure.push(...fleet.aircraft.filter((record) => record.homeBaseId === base.id));
      fleet.aircraft = fleet.aircraft.filter((record) => record.homeBaseId !== base.id);
      return null;
    }
    case "set_aircraft_status": {
      const record = fleet.aircraft.find((candidate) => candidate.id === change.aircraftId);
      if (record === undefined) {
        return { code: "reference_not_found", field: field("aircraftId"), value: change.aircraftId };
      }
      record.status = change.status as AircraftStatus;
      return null;
    }
    case "add_aircraft": {
      const base = findBase(change.baseCode);
      if (base === undefined) {
        return { code: "reference_not_found", field: field("baseCode"), value: change.baseCode };
      }
      const type = snapshot.types.find((candidate) => candidate.id === change.typeId);
      if (type === undefined) {
        return { code: "reference_not_found", field: field("typeId"), value: change.typeId };
      }
      for (let copy = 0; copy < change.count; copy += 1) {
        const id = newId();
        fleet.addedAircraftIds.add(id);
        fleet.aircraft.push({
          id,
          registration: `NEW${-id}`,
          callsign: null,
          icaoAddress: null,
          status: "available",
          city: base.city,
          servingCity: base.city,
          loanRequestId: null,
          homeBaseId: base.id,
          readinessDayMin: change.readinessDayMin ?? null,
          readinessNightMin: change.readinessNightMin ?? null,
          type,
        });
      }
      return null;
    }
    case "set_readiness": {
      if (change.aircraftId !== undefined && !fleet.aircraft.some((record) => record.id === change.aircraftId)) {
        return { code: "reference_not_found", field: field("aircraftId"), value: change.aircraftId };
      }
      if (change.typeId !== undefined && !snapshot.types.some((type) => type.id === change.typeId)) {
        return { code: "reference_not_found", field: field("typeId"), value: change.typeId };
      }
      for (const record of fleet.aircraft) {
        const matches =
          (change.aircraftId === undefined || record.id === change.aircraftId) &&
          (change.typeId === undefined || record.type.id === change.typeId);
        if (matches) {
          record.readinessDayMin = change.readinessDayMin ?? record.readinessDayMin;
          record.readinessNightMin = change.readinessNightMin ?? record.readinessNightMin;
        }
      }
      return null;
    }
    case "set_wind": {
      fleet.wind = change.windSpeedKmh === 0 ? null : { fromDeg: change.windFromDeg, speedKmh: change.windSpeedKmh };
      return null;
    }
  }
}
