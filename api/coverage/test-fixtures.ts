import { upsertAdminAreas } from "../geography/admin-areas.js";
import type { testApp } from "../test/app.js";

// A hand-built world for coverage tests: a 1 x 1 degree square "city" at
// 107-108 E, 40.5-41.5 N split into a west and an east "county", one base at
// its centre and one aircraft type with round numbers.

type TestApp = Awaited<ReturnType<typeof testApp>>;

export const squareCentreLonLat: [number, number] = [107.5, 41.0];

function square(west: number, south: number, east: number, north: number) {
  return {
    type: "Polygon",
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

/** Loads the square city, its two halves and a risk area over the NE quarter. */
export async function loadSquareWorld(t: TestApp, options: { readinessDayMin: number; cruiseSpeedKmh: number }) {
  await upsertAdminAreas(t.database, {
    features: [
      { geometry: square(107, 40.5, 108, 41.5), properties: { adcode: "150800", name_zh: "方城", level: "prefecture", role: "subject" } },
      {
        geometry: square(107, 40.5, 107.5, 41.5),
        properties: { adcode: "150801", name_zh: "西区", level: "county", role: "county_of_subject", parent: "150800" },
      },
      {
        geometry: square(107.5, 40.5, 108, 41.5),
        properties: { adcode: "150802", name_zh: "东区", level: "county", role: "county_of_subject", parent: "150800" },
      },
    ],
  });

  await t.call("POST", "/api/v1/risk-areas", {
    body: {
      type: "Feature",
      geometry: square(107.5, 41.0, 108, 41.5),
      properties: { nameZh: "东北林区", kind: "forest", weight: 5 },
    },
  });

  const type = await t.call("POST", "/api/v1/aircraft-types", {
    body: {
      id: "round-heli",
      name: "Round-number helicopter",
      category: "helicopter",
      cruiseSpeedKmh: options.cruiseSpeedKmh,
      rangeKm: 1000,
      enduranceMin: 500,
      readinessDayMin: options.readinessDayMin,
      readinessNightMin: options.readinessDayMin,
      nightCapable: true,
    },
  });
  if (type.status !== 201) {
    throw new Error(`aircraft type fixture: ${JSON.stringify(type.json)}`);
  }

  const base = await t.call("POST", "/api/v1/bases", {
    body: {
      type: "Feature",
      geometry: { type: "Point", coordinates: squareCentreLonLat },
      properties: { code: "SQ-CENTRE", nameZh: "中心站", kind: "air_station", city: "bayannur", fuelAvailable: true, nightOperations: true },
    },
  });
  const aircraft = await t.call("POST", "/api/v1/aircraft", {
    body: { registration: "B-0001", typeId: "round-heli", homeBaseId: base.json.id, city: "bayannur" },
  });
  if (aircraft.status !== 201) {
    throw new Error(`aircraft fixture: ${JSON.stringify(aircraft.json)}`);
  }
  return { baseId: base.json.id as number, aircraftId: aircraft.json.id as number };
}
