import { readFile } from "node:fs/promises";
import { closedWaypoints, type SimulatedAircraft } from "./flight.js";
import { GeodesicPath, geodesicDistanceM } from "./geodesic-path.js";

/**
 * The demo fleet as the simulator flies it, from the files under
 * data/: each available aircraft flies the patrol route of its home
 * base (one aircraft per route), and the others fly out and back from
 * their home base. Partner-city aircraft fly to the Linhe station, as a
 * mutual-aid loan would; Bayannur aircraft fly to the nearest other
 * base. Aircraft in maintenance or off duty stay on the ground and send
 * nothing.
 */

interface FleetRecord {
  icaoAddress: string;
  callsign: string;
  typeId: string;
  homeBaseCode: string;
  status: string;
}

interface AircraftType {
  id: string;
  category: "helicopter" | "fixed_wing";
  cruiseSpeedKmh: number;
}

interface PointFeature {
  geometry: { coordinates: [number, number] };
  properties: { code: string; elevationM: number; city?: string };
}

interface RouteFeature {
  geometry: { coordinates: Array<[number, number]> };
  properties: { homeBaseCode: string; nameEn: string };
}

export interface DemoData {
  fleet: FleetRecord[];
  types: AircraftType[];
  bases: PointFeature[];
  routes: RouteFeature[];
}

/** Bayannur's air rescue station, the destination of partner-city flights. */
const LINHE_BASE_CODE = "BYN-LINHE";

/** Cruise height above the home base: helicopters patrol low, fixed-wing higher. Demo estimates. */
const HEIGHT_ABOVE_BASE_M = { helicopter: 600, fixed_wing: 1200 } as const;

/** ADS-B emitter categories: A7 rotorcraft, A1 light aircraft (under 15,500 lb). */
const EMITTER_CATEGORY = { helicopter: "A7", fixed_wing: "A1" } as const;

export async function loadDemoData(dataDirectory: URL): Promise<DemoData> {
  const readJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(new URL(name, dataDirectory), "utf8")) as T;
  const [fleet, types, bases, routes] = await Promise.all([
    readJson<FleetRecord[]>("demo/aircraft.json"),
    readJson<AircraftType[]>("aircraft-types.json"),
    readJson<{ features: PointFeature[] }>("demo/bases.geojson"),
    readJson<{ features: RouteFeature[] }>("demo/patrol-routes.geojson"),
  ]);
  return { fleet, types, bases: bases.features, routes: routes.features };
}

/** Builds the flying aircraft of the demo fleet. */
export function buildDemoFleet(data: DemoData): SimulatedAircraft[] {
  const typesById = new Map(data.types.map((type) => [type.id, type]));
  const basesByCode = new Map(data.bases.map((base) => [base.properties.code, base]));
  const unassignedRoutes = [...data.routes];
  const flying = data.fleet.filter((aircraft) => aircraft.status === "available");

  return flying.map((record, index) => {
    const type = typesById.get(record.typeId);
    const base = basesByCode.get(record.homeBaseCode);
    if (type === undefined || base === undefined) {
      throw new Error(`aircraft ${record.callsign}: unknown typeId "${record.typeId}" or homeBaseCode "${record.homeBaseCode}" in data/demo/aircraft.json`);
    }

    const routeIndex = unassignedRoutes.findIndex((route) => route.properties.homeBaseCode === record.homeBaseCode);
    const waypoints = routeIndex >= 0 ? unassignedRoutes.splice(routeIndex, 1)[0]!.geometry.coordinates : outAndBack(base, data.bases);
    const path = new GeodesicPath(closedWaypoints(waypoints));

    return {
      icaoAddress: record.icaoAddress.toUpperCase(),
      callsign: record.callsign,
      emitterCategory: EMITTER_CATEGORY[type.category],
      groundSpeedKmh: type.cruiseSpeedKmh,
      altitudeM: base.properties.elevationM + HEIGHT_ABOVE_BASE_M[type.category],
      path,
      // Spread aircraft that share a path so they do not fly in formation.
      startOffsetM: (index * path.lengthM) / 7 % path.lengthM,
      home: { code: base.properties.code, lonLat: base.geometry.coordinates, elevationM: base.properties.elevationM },
    };
  });
}

function outAndBack(home: PointFeature, bases: PointFeature[]): Array<[number, number]> {
  const from = home.geometry.coordinates;
  const linhe = bases.find((base) => base.properties.code === LINHE_BASE_CODE);
  const isPartner = home.properties.city !== "bayannur";
  const destination = isPartner && linhe !== undefined ? linhe : nearestOtherBase(home, bases);
  return [from, destination.geometry.coordinates];
}

function nearestOtherBase(home: PointFeature, bases: PointFeature[]): PointFeature {
  const others = bases.filter((base) => base.properties.code !== home.properties.code);
  const distanceM = (base: PointFeature) => geodesicDistanceM(home.geometry.coordinates, base.geometry.coordinates);
  const nearest = others.sort((a, b) => distanceM(a) - distanceM(b))[0];
  if (nearest === undefined) {
    throw new Error(`base ${home.properties.code}: no other base to fly to in data/demo/bases.geojson`);
  }
  return nearest;
}
