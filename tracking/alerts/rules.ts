import { distanceKm, distanceToLineKm, polygonContains, type LonLat, type PolygonCoordinates } from "./geometry.js";

// Flight-following rules: pure functions from the last known state of each
// fleet aircraft, its mission and the clock to the alert conditions that hold
// now. Storage, de-duplication and clearing live in api/dispatch/alerts.

export const alertKinds = ["lost_contact", "emergency_squawk", "route_deviation", "restricted_area", "low_endurance", "overdue"] as const;
export type AlertKind = (typeof alertKinds)[number];

// Ordered by severity: a rise to a later level requires a new acknowledgement.
export const alertLevels = ["warning", "alarm", "escalation", "emergency"] as const;
export type AlertLevel = (typeof alertLevels)[number];

export interface LostContactThresholds {
  // Minutes without a position before each tier.
  warningMin: number;
  alarmMin: number;
  escalationMin: number;
}

export interface AlertThresholds {
  lostContact: LostContactThresholds;
  // Per aircraft type id, e.g. a drone whose link drops out more often.
  lostContactByType: Record<string, Partial<LostContactThresholds>>;
  // Fuel kept on landing, in minutes of flight at cruise.
  reserveMin: number;
  // Minutes past the model ETA before a mission not yet on scene is overdue.
  overdueMarginMin: number;
}

// Lost contact: warning after 3 min, alarm at 15 min, escalation 15 min after the alarm.
export const defaultAlertThresholds: AlertThresholds = {
  lostContact: { warningMin: 3, alarmMin: 15, escalationMin: 30 },
  lostContactByType: {},
  reserveMin: 30,
  overdueMarginMin: 15,
};

// Squawk codes reserved by ICAO (Annex 10, Vol. IV; PANS-OPS Doc 8168).
export const emergencySquawks: Record<string, "unlawful_interference" | "radio_failure" | "general_emergency"> = {
  "7500": "unlawful_interference",
  "7600": "radio_failure",
  "7700": "general_emergency",
};

export interface MissionState {
  id: number;
  status: "requested" | "dispatched" | "airborne" | "on_scene" | "returning";
  dispatchedAtMs: number | null;
  estimatedEtaMin: number | null;
  // The patrol route and its corridor width, for patrol missions.
  route: { path: readonly (readonly number[])[]; corridorWidthKm: number } | null;
}

export interface AircraftState {
  aircraftId: number;
  typeId: string;
  enduranceMin: number;
  cruiseSpeedKmh: number;
  // Time of the last accepted position; null when none was seen since start.
  lastPositionMs: number | null;
  lonLat: LonLat | null;
  squawk: string | null;
  airborne: boolean;
  // Time of the first airborne position of the current flight, when seen.
  airborneSinceMs: number | null;
  mission: MissionState | null;
}

export interface RestrictedArea {
  id: number;
  nameZh: string;
  nameEn: string | null;
  polygons: readonly PolygonCoordinates[];
  activeFromMs: number;
  activeUntilMs: number | null;
}

export interface AlertContext {
  nowMs: number;
  thresholds: AlertThresholds;
  restrictedAreas: readonly RestrictedArea[];
  // Bases an aircraft can land and refuel at.
  fuelBases: readonly { id: number; lonLat: LonLat }[];
}

export interface AlertCondition {
  aircraftId: number;
  kind: AlertKind;
  level: AlertLevel;
  missionId: number | null;
  details: Record<string, string | number | null>;
}

const inFlightStatuses = new Set(["airborne", "on_scene", "returning"]);

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function isFlying(aircraft: AircraftState): boolean {
  return aircraft.airborne || (aircraft.mission !== null && inFlightStatuses.has(aircraft.mission.status));
}

export function lostContactThresholdsFor(typeId: string, thresholds: AlertThresholds): LostContactThresholds {
  return { ...thresholds.lostContact, ...thresholds.lostContactByType[typeId] };
}

function lostContact(aircraft: AircraftState, context: AlertContext): AlertCondition | null {
  if (aircraft.lastPositionMs === null || !isFlying(aircraft)) {
    return null;
  }
  const silentMin = (context.nowMs - aircraft.lastPositionMs) / 60_000;
  const tiers = lostContactThresholdsFor(aircraft.typeId, context.thresholds);
  let level: AlertLevel | null = null;
  if (silentMin >= tiers.escalationMin) {
    level = "escalation";
  } else if (silentMin >= tiers.alarmMin) {
    level = "alarm";
  } else if (silentMin >= tiers.warningMin) {
    level = "warning";
  }
  if (level === null) {
    return null;
  }
  const lastLonLat = aircraft.lonLat ? `${aircraft.lonLat[0].toFixed(5)},${aircraft.lonLat[1].toFixed(5)}` : null;
  return condition(aircraft, "lost_contact", level, {
    lastPositionTime: new Date(aircraft.lastPositionMs).toISOString(),
    lastLonLat,
  });
}

function emergencySquawk(aircraft: AircraftState): AlertCondition | null {
  const meaning = aircraft.squawk === null ? undefined : emergencySquawks[aircraft.squawk];
  if (meaning === undefined) {
    return null;
  }
  return condition(aircraft, "emergency_squawk", "emergency", { squawk: aircraft.squawk, meaning });
}

// The corridor width is the distance allowed on either side of the route.
function routeDeviation(aircraft: AircraftState): AlertCondition | null {
  const route = aircraft.mission?.route;
  if (!route || !aircraft.lonLat || !aircraft.airborne || aircraft.mission!.status === "returning") {
    return null;
  }
  const offRouteKm = distanceToLineKm(aircraft.lonLat, route.path);
  if (offRouteKm <= route.corridorWidthKm) {
    return null;
  }
  return condition(aircraft, "route_deviation", "warning", { offRouteKm: round1(offRouteKm), corridorWidthKm: route.corridorWidthKm });
}

function restrictedArea(aircraft: AircraftState, context: AlertContext): AlertCondition | null {
  if (!aircraft.lonLat || !aircraft.airborne) {
    return null;
  }
  const position = aircraft.lonLat;
  const area = context.restrictedAreas.find(
    (candidate) =>
      candidate.activeFromMs <= context.nowMs &&
      (candidate.activeUntilMs === null || context.nowMs < candidate.activeUntilMs) &&
      candidate.polygons.some((polygon) => polygonContains(position, polygon)),
  );
  if (!area) {
    return null;
  }
  return condition(aircraft, "restricted_area", "alarm", { restrictedAreaId: area.id, nameZh: area.nameZh, nameEn: area.nameEn });
}

// NOTE: the fuel left is an estimate from the time airborne against the
// type's endurance on full tanks. A flight that started with part-full tanks,
// or before the service first heard it, is estimated too high, and refuelling
// with the rotors turning is not detected.
function lowEndurance(aircraft: AircraftState, context: AlertContext): AlertCondition | null {
  if (!aircraft.airborne || aircraft.airborneSinceMs === null || !aircraft.lonLat || context.fuelBases.length === 0) {
    return null;
  }
  const position = aircraft.lonLat;
  const remainingMin = aircraft.enduranceMin - (context.nowMs - aircraft.airborneSinceMs) / 60_000;
  const nearest = context.fuelBases
    .map((base) => ({ id: base.id, km: distanceKm(position, base.lonLat) }))
    .reduce((best, base) => (base.km < best.km ? base : best));
  const neededMin = (nearest.km / aircraft.cruiseSpeedKmh) * 60 + context.thresholds.reserveMin;
  if (remainingMin >= neededMin) {
    return null;
  }
  return condition(aircraft, "low_endurance", "alarm", {
    remainingMin: round1(remainingMin),
    neededMin: round1(neededMin),
    nearestBaseId: nearest.id,
    nearestBaseKm: round1(nearest.km),
  });
}

function overdue(aircraft: AircraftState, context: AlertContext): AlertCondition | null {
  const mission = aircraft.mission;
  if (!mission || (mission.status !== "dispatched" && mission.status !== "airborne")) {
    return null;
  }
  if (mission.dispatchedAtMs === null || mission.estimatedEtaMin === null) {
    return null;
  }
  const dueMs = mission.dispatchedAtMs + (mission.estimatedEtaMin + context.thresholds.overdueMarginMin) * 60_000;
  if (context.nowMs <= dueMs) {
    return null;
  }
  return condition(aircraft, "overdue", "warning", {
    estimatedEtaMin: round1(mission.estimatedEtaMin),
    pastEtaMin: round1((context.nowMs - dueMs) / 60_000 + context.thresholds.overdueMarginMin),
  });
}

function condition(aircraft: AircraftState, kind: AlertKind, level: AlertLevel, details: AlertCondition["details"]): AlertCondition {
  return { aircraftId: aircraft.aircraftId, kind, level, missionId: aircraft.mission?.id ?? null, details };
}

// Lists every alert condition true at context.nowMs, at most one per aircraft and kind.
export function evaluateAlerts(aircraftList: readonly AircraftState[], context: AlertContext): AlertCondition[] {
  const conditions: AlertCondition[] = [];
  for (const aircraft of aircraftList) {
    const found = [
      lostContact(aircraft, context),
      emergencySquawk(aircraft),
      routeDeviation(aircraft),
      restrictedArea(aircraft, context),
      lowEndurance(aircraft, context),
      overdue(aircraft, context),
    ];
    for (const item of found) {
      if (item !== null) {
        conditions.push(item);
      }
    }
  }
  return conditions;
}
