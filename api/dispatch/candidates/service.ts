import { isNight, rankByEta, type EtaResult } from "../../coverage/model/index.js";
import { loadFleet, toAircraftInputs, toBaseInput, type AircraftRecord } from "../../coverage/fleet-query.js";
import type { Database } from "../../db/client.js";
import type { TrackingService } from "../../../tracking/service.js";
import { disposalReason, type DisposalReason } from "../disposal.js";
import type { IncidentRow } from "../incidents/repository.js";
import { hasCapability, isFireKind, requiredCapability, type Capability, type TypeCapabilities } from "./capability.js";
import { canLand } from "./landing.js";
import { loadTypeCapabilities, nearestLandingPoints, nearestUsableWaterSources, type NearbyLandingPoint, type NearbyWaterSource } from "./sites.js";
import { bucketShuttle, shanghaiMonth, type BucketShuttle } from "./water.js";

export interface CandidateOptions {
  // The city the list is for: partner aircraft are listed but marked not at its disposal.
  dispatcherCity: string;
  targetMin: number;
  at: Date;
  includeIncapable: boolean;
  landingLimit: number;
  waterLimit: number;
}

export interface Candidate {
  aircraft: AircraftRecord;
  capabilities: TypeCapabilities;
  capable: boolean;
  eta: EtaResult;
  airborne: boolean;
  // Null when the dispatcher's city may dispatch the aircraft, else why not.
  disposalReason: DisposalReason | null;
  // Nearest landing point this aircraft can use now, or null.
  landingPointId: number | null;
  // Shuttle to the nearest usable water source, for fires and bucket aircraft only.
  bucket: (BucketShuttle & { waterSourceId: number }) | null;
}

export interface LandingPointCandidate extends NearbyLandingPoint {
  usableNow: boolean;
  // Types among the candidates that can land here now.
  suitableTypeIds: string[];
}

export interface CandidateReport {
  incident: IncidentRow;
  at: Date;
  night: boolean;
  targetMin: number;
  capability: Capability | null;
  candidates: Candidate[];
  withoutHomeBase: AircraftRecord[];
  landingPoints: LandingPointCandidate[];
  waterSources: NearbyWaterSource[];
}

// Ranks the available fleet (on the ground or airborne) for an incident by
// the coverage model's ETA, marks each aircraft's capability for the kind,
// and adds the nearby landing points and, for fires, usable water sources.
export async function rankCandidates(
  database: Database,
  tracking: TrackingService | undefined,
  incident: IncidentRow,
  options: CandidateOptions,
): Promise<CandidateReport> {
  const lonLat = incident.lonLat;
  const night = isNight(lonLat, options.at);
  const fire = isFireKind(incident.kind);
  const capability = requiredCapability(incident.kind);

  const fleet = await loadFleet(database, { cities: "all", statuses: ["available"], aircraftIds: null }, tracking, options.at.getTime());
  const { inputs, withoutHomeBase } = toAircraftInputs(fleet);
  const capabilitiesByType = await loadTypeCapabilities(database);
  const landing = await nearestLandingPoints(database, lonLat, options.landingLimit);
  const water = fire ? await nearestUsableWaterSources(database, lonLat, shanghaiMonth(options.at), options.waterLimit) : [];

  const ranked = rankByEta(inputs, lonLat, fleet.bases.map(toBaseInput), {
    targetMin: options.targetMin,
    night,
    withBucket: fire,
  });

  const byId = new Map(fleet.aircraft.map((record) => [String(record.id), record]));
  const candidates: Candidate[] = [];
  for (const eta of ranked) {
    const aircraft = byId.get(eta.aircraftId)!;
    const capabilities = capabilitiesByType.get(aircraft.type.id)!;
    const capable = hasCapability(capabilities, capability);
    if (!capable && !options.includeIncapable) {
      continue;
    }
    candidates.push({
      aircraft,
      capabilities,
      capable,
      eta,
      airborne: fleet.airborne.has(aircraft.id),
      disposalReason: disposalReason(aircraft, options.dispatcherCity),
      landingPointId: landing.find((site) => canLand(site, aircraft.type, night))?.id ?? null,
      bucket: fire ? shuttleFor(capabilities, water[0]) : null,
    });
  }

  const candidateTypes = [...new Map(candidates.map((c) => [c.aircraft.type.id, c.aircraft.type])).values()];
  const landingPoints = landing.map((site) => ({
    ...site,
    usableNow: !night || site.nightCapable,
    suitableTypeIds: candidateTypes.filter((type) => canLand(site, type, night)).map((type) => type.id),
  }));

  return { incident, at: options.at, night, targetMin: options.targetMin, capability, candidates, withoutHomeBase, landingPoints, waterSources: water };
}

function shuttleFor(capabilities: TypeCapabilities, water: NearbyWaterSource | undefined) {
  if (!water || !hasCapability(capabilities, "bucket")) {
    return null;
  }
  const shuttle = bucketShuttle(water.distanceKm, capabilities.bucketCruiseSpeedKmh!, capabilities.bucketCapacityL!);
  return { ...shuttle, waterSourceId: water.id };
}
