import type { AircraftInput, BaseInput } from "./eta-types.js";
import type { BoundingBox } from "./grid.js";

// A synthetic fleet for the grid tests and the benchmark, not operational
// data. Airport points are the coordinates used in geodesy.test.ts, and the
// other bases are rounded town positions. Performance figures are round
// type-class values, not from flight manuals.

// Approximately Bayannur's extent, 105.2-109.9 E by 40.2-42.5 N (4.7 x 2.3 degrees).
export const BAYANNUR_BBOX: BoundingBox = [105.2, 40.2, 109.9, 42.5];

function base(id: string, lonDeg: number, latDeg: number, nightOperations: boolean, fuelAvailable: boolean): BaseInput {
  return { id, lonLat: [lonDeg, latDeg], nightOperations, fuelAvailable };
}

export const testBases: BaseInput[] = [
  base("zbyz", 107.74093, 40.926358, true, true),
  base("linhe", 107.358379, 40.749768, true, true),
  base("zbuh", 106.7993, 39.7934, true, true),
  base("zbow", 109.997002, 40.560001, true, true),
  base("zbal", 105.58858, 38.74831, false, true),
  base("haliut", 108.52, 41.57, false, true),
  base("bayan-obo", 109.97, 41.77, false, false),
  base("dengkou", 107.0, 40.33, false, true),
  base("urad-rear", 107.07, 41.08, false, false),
];

function baseById(id: string): BaseInput {
  const found = testBases.find((candidate) => candidate.id === id);
  if (found === undefined) {
    throw new Error(`test fleet: base ${id} not found`);
  }
  return found;
}

type AircraftClass = Pick<
  AircraftInput,
  | "typeId"
  | "category"
  | "cruiseSpeedKmh"
  | "bucketCruiseSpeedKmh"
  | "rangeKm"
  | "enduranceMin"
  | "readinessDayMin"
  | "readinessNightMin"
  | "nightCapable"
>;

const bell412: AircraftClass = {
  typeId: "bell-412",
  category: "helicopter",
  cruiseSpeedKmh: 226,
  bucketCruiseSpeedKmh: 160,
  rangeKm: 745,
  enduranceMin: 210,
  readinessDayMin: 15,
  readinessNightMin: 30,
  nightCapable: true,
};
const r44: AircraftClass = {
  typeId: "r44",
  category: "helicopter",
  cruiseSpeedKmh: 200,
  bucketCruiseSpeedKmh: null,
  rangeKm: 560,
  enduranceMin: 180,
  readinessDayMin: 15,
  readinessNightMin: 15,
  nightCapable: false,
};
const y12: AircraftClass = {
  typeId: "y-12",
  category: "fixed_wing",
  cruiseSpeedKmh: 250,
  bucketCruiseSpeedKmh: null,
  rangeKm: 1300,
  enduranceMin: 300,
  readinessDayMin: 30,
  readinessNightMin: 45,
  nightCapable: true,
};
const drone: AircraftClass = {
  typeId: "fixed-wing-uav",
  category: "drone",
  cruiseSpeedKmh: 120,
  bucketCruiseSpeedKmh: null,
  rangeKm: 400,
  enduranceMin: 240,
  readinessDayMin: 20,
  readinessNightMin: 20,
  nightCapable: true,
};

function onGround(id: string, aircraftClass: AircraftClass, homeBaseId: string): AircraftInput {
  const homeBase = baseById(homeBaseId);
  return {
    id,
    registration: id.toUpperCase(),
    ...aircraftClass,
    startLonLat: homeBase.lonLat,
    remainingEnduranceMin: null,
    airborne: false,
    homeBase,
  };
}

function airborne(
  id: string,
  aircraftClass: AircraftClass,
  homeBaseId: string,
  lonDeg: number,
  latDeg: number,
  remainingEnduranceMin: number,
): AircraftInput {
  return { ...onGround(id, aircraftClass, homeBaseId), startLonLat: [lonDeg, latDeg], airborne: true, remainingEnduranceMin };
}

// 20 aircraft: 14 crewed on the ground at 9 bases, 2 airborne, 4 drones.
export const testFleet: AircraftInput[] = [
  onGround("b-7801", bell412, "zbyz"),
  onGround("b-7802", bell412, "zbyz"),
  onGround("b-7803", bell412, "linhe"),
  onGround("b-7804", bell412, "zbow"),
  onGround("b-7805", bell412, "zbuh"),
  onGround("b-70a1", r44, "linhe"),
  onGround("b-70a2", r44, "haliut"),
  onGround("b-70a3", r44, "dengkou"),
  onGround("b-70a4", r44, "zbal"),
  onGround("b-3821", y12, "zbyz"),
  onGround("b-3822", y12, "zbow"),
  onGround("b-3823", y12, "zbal"),
  onGround("b-7806", bell412, "urad-rear"),
  onGround("b-70a5", r44, "bayan-obo"),
  airborne("b-7807", bell412, "zbyz", 106.2, 41.9, 90),
  airborne("b-70a6", r44, "linhe", 108.9, 41.2, 45),
  onGround("uav-01", drone, "linhe"),
  onGround("uav-02", drone, "haliut"),
  onGround("uav-03", drone, "dengkou"),
  onGround("uav-04", drone, "zbuh"),
];
