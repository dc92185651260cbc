// Valid request bodies for each asset kind; tests override single fields.
// Coordinates are real Bayannur places (Bayannur Tianjitai Airport, the Linhe
// seat, the Wula Mountains reference point).
export const linheAirportLonLat = [107.74093, 40.926358];

export function baseFeature(overrides: Record<string, unknown> = {}, geometry?: unknown) {
  return {
    type: "Feature",
    geometry: geometry ?? { type: "Point", coordinates: linheAirportLonLat },
    properties: {
      code: "TEST-LINHE",
      nameZh: "临河航空救援站",
      nameEn: "Linhe air rescue station",
      kind: "air_station",
      city: "bayannur",
      fuelAvailable: true,
      nightOperations: true,
      elevationM: 1036,
      ...overrides,
    },
  };
}

export function aircraftTypeBody(overrides: Record<string, unknown> = {}) {
  return {
    id: "bell-412ep",
    name: "Bell 412EP",
    nameZh: "贝尔412",
    category: "helicopter",
    cruiseSpeedKmh: 226,
    bucketCruiseSpeedKmh: 180,
    rangeKm: 745,
    enduranceMin: 210,
    bucketCapacityL: 1300,
    seats: 13,
    stretchers: 2,
    hoist: true,
    nightCapable: true,
    readinessDayMin: 15,
    readinessNightMin: 30,
    ...overrides,
  };
}

export function aircraftBody(overrides: Record<string, unknown> = {}) {
  return {
    registration: "B-7412",
    icaoAddress: "7801A2",
    callsign: "BYN01",
    typeId: "bell-412ep",
    status: "available",
    operator: "Test operator",
    city: "bayannur",
    ...overrides,
  };
}

export function landingPointFeature(overrides: Record<string, unknown> = {}, geometry?: unknown) {
  return {
    type: "Feature",
    geometry: geometry ?? { type: "Point", coordinates: [107.358379, 40.749768] },
    properties: { nameZh: "临河区机降点", surface: "concrete", sizeM: 50, nightCapable: false, city: "bayannur", ...overrides },
  };
}

export function waterSourceFeature(overrides: Record<string, unknown> = {}, geometry?: unknown) {
  return {
    type: "Feature",
    geometry: geometry ?? { type: "Point", coordinates: [108.867, 40.933] },
    properties: { nameZh: "乌梁素海取水点", kind: "lake", bucketUsable: true, minDepthM: 2, monthsFrozen: [12, 1, 2, 3], city: "bayannur", ...overrides },
  };
}

export function patrolRouteFeature(overrides: Record<string, unknown> = {}, geometry?: unknown) {
  return {
    type: "Feature",
    geometry: geometry ?? {
      type: "LineString",
      coordinates: [
        [107.74093, 40.926358],
        [109.0, 40.75],
        [109.25, 40.72],
      ],
    },
    properties: { nameZh: "乌拉山巡航线路", corridorWidthKm: 5, activeMonths: [3, 4, 5, 6, 9, 10, 11], ...overrides },
  };
}

export function riskAreaFeature(overrides: Record<string, unknown> = {}, geometry?: unknown) {
  return {
    type: "Feature",
    geometry: geometry ?? {
      type: "Polygon",
      coordinates: [
        [
          [109.0, 40.65],
          [109.5, 40.65],
          [109.5, 40.8],
          [109.0, 40.8],
          [109.0, 40.65],
        ],
      ],
    },
    properties: { nameZh: "乌拉山林区", kind: "forest", weight: 5, ...overrides },
  };
}
