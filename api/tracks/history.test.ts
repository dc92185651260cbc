import { beforeAll, describe, expect, it } from "vitest";

import { testApp } from "../test/app.js";
import { aircraftBody, aircraftTypeBody } from "../test/factories.js";

let t: Awaited<ReturnType<typeof testApp>>;
let fleetId: number;

// The window 03:00 to 04:00 UTC, written in China Standard Time.
const from = "2025-06-01T11:00:00+08:00";
const to = "2025-06-01T12:00:00+08:00";
const window = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

const fleetIcao = "7801A2";
const pastIcao = "780B01";
const outsideIcao = "780C01";
const eastIcao = "780D01";
const denseIcao = "780E01";

// [icao, UTC time, lon, lat, altitudeM, groundSpeedKmh, trackDeg], in no particular order,
// so that ordering by id would not pass for ordering by time.
const rows: Array<[string, string, number, number, number, number, number]> = [
  [fleetIcao, "2025-06-01T03:20:00.000Z", 107.3, 40.8, 1200, 220, 45],
  [pastIcao, "2025-06-01T03:32:00.000Z", 107.62, 40.95, 900, 180, 90],
  [fleetIcao, "2025-06-01T02:59:59.999Z", 107.0, 40.7, 1000, 200, 90],
  [fleetIcao, "2025-06-01T04:00:00.000Z", 107.5, 40.9, 1500, 230, 0],
  [fleetIcao, "2025-06-01T03:00:00.000Z", 107.1, 40.7, 1000, 210, 90],
  [pastIcao, "2025-06-01T03:30:00.000Z", 107.6, 40.95, 900, 180, 90],
  [outsideIcao, "2025-06-01T02:00:00.000Z", 106.9, 40.6, 3000, 700, 270],
  [fleetIcao, "2025-06-01T03:59:59.999Z", 107.4, 40.85, 1400, 225, 10],
  [eastIcao, "2025-06-01T03:05:00.000Z", 110.5, 41.2, 2000, 400, 120],
  [pastIcao, "2025-06-01T03:31:00.000Z", 107.61, 40.95, 900, 180, 90],
  [outsideIcao, "2025-06-01T04:00:00.000Z", 106.9, 40.6, 3000, 700, 270],
  [fleetIcao, "2025-06-01T03:10:00.000Z", 107.2, 40.75, 1100, 215, 60],
];

async function insertPositions(): Promise<void> {
  for (const [icao, time, lon, lat, altitudeM, groundSpeedKmh, trackDeg] of rows) {
    await t.database.sql`
      INSERT INTO positions (icao_address, time, location, altitude_m, ground_speed_kmh, track_deg, source)
      VALUES (${icao}, ${time}, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), ${altitudeM}, ${groundSpeedKmh}, ${trackDeg}, 'history-test')`;
  }
}

// 600 positions at 1 Hz from 03:40:00.5, to exercise thinning.
async function insertDenseTrack(): Promise<void> {
  await t.database.sql`
    INSERT INTO positions (icao_address, time, location, altitude_m, ground_speed_kmh, track_deg, source)
    SELECT ${denseIcao}, '2025-06-01T03:40:00.5Z'::timestamptz + make_interval(secs => s), ST_SetSRID(ST_MakePoint(107 + s * 0.001, 41), 4326), 800, 250, 90, 'history-test'
    FROM generate_series(0, 599) s`;
}

async function history(query: string, options: { token?: string | null; language?: string } = {}) {
  return t.call("GET", `/api/v1/tracks/history?${query}`, options);
}

beforeAll(async () => {
  t = await testApp();
  expect((await t.call("POST", "/api/v1/aircraft-types", { body: aircraftTypeBody() })).status).toBe(201);
  const created = await t.call("POST", "/api/v1/aircraft", { body: aircraftBody({ icaoAddress: fleetIcao, registration: "B-7412", callsign: "BYN01" }) });
  expect(created.status).toBe(201);
  fleetId = created.json.id;
  await insertPositions();
});

describe("track history window", () => {
  it("lists aircraft with positions in the window", async () => {
    const { status, json } = await history(window, { token: t.tokens.viewer });

    expect(status).toBe(200);
    expect(json.from).toBe("2025-06-01T03:00:00.000Z");
    expect(json.to).toBe("2025-06-01T04:00:00.000Z");
    // Ordered by first position: 03:00, 03:05, 03:30.
    expect(json.aircraft.map((a: { icaoAddress: string }) => a.icaoAddress)).toEqual([fleetIcao, eastIcao, pastIcao]);
    expect(json.total).toBe(3);
    expect(json.positionCount).toBe(8);
    expect(json.thinning).toEqual({ intervalS: null, maxPositions: 100_000 });
    expect(json.positionFields).toEqual(["time", "lon", "lat", "altitudeM", "groundSpeedKmh", "trackDeg"]);
  });

  it("includes from and excludes to", async () => {
    const { json } = await history(window);
    const fleet = json.aircraft[0];

    expect(fleet.count).toBe(4);
    expect(fleet.firstTime).toBe("2025-06-01T03:00:00.000Z");
    expect(fleet.lastTime).toBe("2025-06-01T03:59:59.999Z");
    expect(fleet.positions.map((p: unknown[]) => p[0])).toEqual([
      "2025-06-01T03:00:00.000Z",
      "2025-06-01T03:10:00.000Z",
      "2025-06-01T03:20:00.000Z",
      "2025-06-01T03:59:59.999Z",
    ]);
  });

  it("names fleet aircraft", async () => {
    const { json } = await history(window);

    expect(json.aircraft[0]).toMatchObject({ icaoAddress: fleetIcao, fleet: true, aircraftId: fleetId, registration: "B-7412", callsign: "BYN01" });
    expect(json.aircraft[2]).toMatchObject({ icaoAddress: pastIcao, fleet: false, aircraftId: null, registration: null, callsign: null });
  });

  it("returns positions in time order", async () => {
    const { json } = await history(window);
    const past = json.aircraft[2];

    expect(past.count).toBe(3);
    expect(past.positions).toEqual([
      ["2025-06-01T03:30:00.000Z", 107.6, 40.95, 900, 180, 90],
      ["2025-06-01T03:31:00.000Z", 107.61, 40.95, 900, 180, 90],
      ["2025-06-01T03:32:00.000Z", 107.62, 40.95, 900, 180, 90],
    ]);
  });

  it("keeps positions inside the bbox", async () => {
    const { status, json } = await history(`${window}&bbox=106,40,109,42`);

    expect(status).toBe(200);
    expect(json.bbox).toEqual([106, 40, 109, 42]);
    expect(json.aircraft.map((a: { icaoAddress: string }) => a.icaoAddress)).toEqual([fleetIcao, pastIcao]);
  });

  it("accepts a window of exactly 24 h", async () => {
    const { status, json } = await history(`from=2025-06-01T00:00:00Z&to=2025-06-02T00:00:00Z`);

    expect(status).toBe(200);
    expect(json.aircraft.map((a: { icaoAddress: string }) => a.icaoAddress)).toEqual([outsideIcao, fleetIcao, eastIcao, pastIcao]);
  });
});

describe("track history thinning", () => {
  beforeAll(insertDenseTrack);

  it("thins to fit maxPositions", async () => {
    const { status, json } = await history(`${window}&maxPositions=100`);

    expect(status).toBe(200);
    // 608 stored. 5 s keeps up to 4 + 1 + 3 + 121 = 129, more than 100; 10 s keeps up to 4 + 1 + 3 + 61 = 69.
    expect(json.thinning).toEqual({ intervalS: 10, maxPositions: 100 });
    expect(json.positionCount).toBeLessThanOrEqual(100);

    const dense = json.aircraft.find((a: { icaoAddress: string }) => a.icaoAddress === denseIcao);
    const times: string[] = dense.positions.map((p: unknown[]) => p[0]);
    expect(dense.count).toBe(600);
    expect(times[0]).toBe("2025-06-01T03:40:00.500Z");
    expect(times.at(-1)).toBe("2025-06-01T03:49:59.500Z");
    // The first position of each 10 s bin, then the last position.
    expect(times.slice(0, 3)).toEqual(["2025-06-01T03:40:00.500Z", "2025-06-01T03:40:10.500Z", "2025-06-01T03:40:20.500Z"]);
    expect(times).toHaveLength(61);
    expect([...times].sort()).toEqual(times);
  });

  it("keeps sparse aircraft whole when thinning", async () => {
    const { json } = await history(`${window}&maxPositions=100`);
    const fleet = json.aircraft.find((a: { icaoAddress: string }) => a.icaoAddress === fleetIcao);

    expect(fleet.positions).toHaveLength(4);
  });

  it("rejects a window too large to thin", async () => {
    const { status, json } = await history(`${window}&maxPositions=5`, { language: "en" });

    expect(status).toBe(422);
    expect(json.error).toMatchObject({ code: "history_too_large", field: "maxPositions", value: 5 });
    expect(json.error.message).toContain("even one position per 600 s per aircraft needs 9");
  });
});

describe("track history errors", () => {
  const cases: Array<[string, string, string, string]> = [
    ["missing from", `to=${encodeURIComponent(to)}`, "missing_field", "from"],
    ["missing to", `from=${encodeURIComponent(from)}`, "missing_field", "to"],
    ["malformed from", `from=yesterday&to=${encodeURIComponent(to)}`, "invalid_format", "from"],
    ["from without offset", `from=2025-06-01T03:00:00&to=${encodeURIComponent(to)}`, "invalid_format", "from"],
    ["swapped window", `from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`, "window_inverted", "to"],
    ["empty window", `from=${encodeURIComponent(from)}&to=${encodeURIComponent(from)}`, "window_inverted", "to"],
    ["window over 24 h", `from=2025-06-01T00:00:00Z&to=2025-06-02T00:00:00.001Z`, "window_too_long", "to"],
    ["malformed bbox", `${window}&bbox=109,40,106,42`, "invalid_query", "bbox"],
    ["maxPositions over the limit", `${window}&maxPositions=100001`, "too_big", "maxPositions"],
    ["unknown parameter", `${window}&icao=7801A2`, "unknown_field", "icao"],
  ];

  for (const [name, query, code, field] of cases) {
    it(`rejects ${name}`, async () => {
      const { status, json } = await history(query);

      expect(status).toBe(400);
      expect(json.error.code).toBe(code);
      expect(json.error.field).toBe(field);
    });
  }

  it("explains an inverted window in both languages", async () => {
    const query = `from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`;
    const zh = await history(query);
    const en = await history(query, { language: "en" });

    expect(zh.json.error.value).toBe(from);
    expect(zh.json.error.message).toBe(`to：结束时间 "${from}" 须晚于开始时间 from ${to}`);
    expect(en.json.error.message).toBe(`to: the end "${from}" must be after the start (from) ${to}`);
  });

  it("explains a long window in both languages", async () => {
    const query = `from=2025-06-01T00:00:00Z&to=2025-06-02T06:00:00Z`;
    const zh = await history(query);
    const en = await history(query, { language: "en" });

    expect(zh.json.error.message).toBe(`to：时段过长（30 小时，结束于 "2025-06-02T06:00:00Z"），最长 24 小时，请缩短时段`);
    expect(en.json.error.message).toBe(`to: the window is 30 h long (ending "2025-06-02T06:00:00Z"), at most 24 h; shorten it`);
  });

  it("requires a token", async () => {
    const { status } = await history(window, { token: null });

    expect(status).toBe(401);
  });
});

describe("track history callsigns", () => {
  it("takes the live callsign of traffic still tracked", async () => {
    const live = await testApp({ tracking: {} });
    await live.database.sql`
      INSERT INTO positions (icao_address, time, location, source)
      VALUES (${pastIcao}, '2025-06-01T03:30:00Z', ST_SetSRID(ST_MakePoint(107.6, 40.95), 4326), 'history-test')`;
    live.tracking!.ingest({ icaoAddress: pastIcao, timeMs: Date.now(), sourceId: "history-test", callsign: "CES2101", lonLat: [107.7, 40.9], onGround: false });

    const { json } = await live.call("GET", `/api/v1/tracks/history?${window}`);

    expect(json.aircraft).toHaveLength(1);
    expect(json.aircraft[0]).toMatchObject({ icaoAddress: pastIcao, callsign: "CES2101", fleet: false });
  });
});
