import { gpx as gpxToGeoJson, kml as kmlToGeoJson } from "@tmcw/togeojson";
import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";

import { seedDemo } from "../../scripts/seed.js";
import { testApp } from "../test/app.js";
import { exportCoverageResult } from "./export-coverage.js";
import { download } from "./test-client.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.database);
});

function parseXml(text: string) {
  return new DOMParser().parseFromString(text, "text/xml");
}

describe("asset exports", () => {
  it("writes GeoJSON with every output field", async () => {
    const res = await download(t, "/api/v1/exports/landing-points.geojson");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/geo+json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="landing-points.geojson"');

    const collection = JSON.parse(res.text);
    expect(collection.type).toBe("FeatureCollection");
    const linhe = collection.features.find((f: { properties: { nameZh: string } }) => f.properties.nameZh === "临河区机降点");
    expect(linhe.geometry).toEqual({ type: "Point", coordinates: [107.358379, 40.749768] });
    expect(Object.keys(linhe.properties)).toEqual(["id", "nameZh", "nameEn", "surface", "sizeM", "nightCapable", "elevationM", "city", "notes", "synthetic", "source", "createdAt", "updatedAt"]);
  });

  it("writes KML with Chinese names and ExtendedData", async () => {
    const res = await download(t, "/api/v1/exports/water-sources.kml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.google-earth.kml+xml; charset=utf-8");
    expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    // Chinese is written as UTF-8 text, not as numeric character references.
    expect(res.text).toContain("<name>取水点</name>");
    expect(res.text).toContain("<name>黄河磴口段取水点</name>");
    expect(res.text).toContain('<Data name="monthsFrozen"><value>[12,1,2,3]</value></Data>');
    expect(res.text).not.toContain("<value>null</value>");

    const features = kmlToGeoJson(parseXml(res.text)).features;
    expect(features.length).toBeGreaterThan(3);
    expect(features[0]!.properties).toMatchObject({ name: "黄河磴口段取水点", kind: "river", city: "bayannur" });
  });

  it("writes GPX waypoints and routes", async () => {
    const points = await download(t, "/api/v1/exports/landing-points.gpx");
    expect(points.status).toBe(200);
    const waypoints = gpxToGeoJson(parseXml(points.text)).features;
    expect(waypoints[0]!.geometry).toMatchObject({ type: "Point" });
    expect(waypoints[0]!.properties).toMatchObject({ name: "临河区机降点", byn_surface: "concrete", byn_city: "bayannur" });
    expect((waypoints[0]!.geometry as { coordinates: number[] }).coordinates).toEqual([107.358379, 40.749768, 1040]);

    const routes = await download(t, "/api/v1/exports/patrol-routes.gpx");
    expect(routes.status).toBe(200);
    expect(routes.text).toContain("<rte><name>乌拉山林区巡航线路</name>");
    expect(gpxToGeoJson(parseXml(routes.text)).features[0]!.properties).toMatchObject({ _gpxType: "rte" });
  });

  it("rejects GPX for polygons", async () => {
    const res = await download(t, "/api/v1/exports/risk-areas.gpx");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatchObject({ code: "format_not_supported", field: "format", value: "risk-areas.gpx" });
  });

  it("rejects KML for kinds without geometry", async () => {
    const res = await download(t, "/api/v1/exports/aircraft.kml");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.code).toBe("format_not_supported");
  });

  it("writes CSV with a UTF-8 BOM", async () => {
    const res = await download(t, "/api/v1/exports/landing-points.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const lines = res.text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("id,lon,lat,nameZh,nameEn,surface,sizeM,nightCapable,elevationM,city,notes,synthetic,source,createdAt,updatedAt");
    expect(lines[1]).toMatch(/^1,107\.358379,40\.749768,临河区机降点,Linhe District seat landing point,concrete,50,true,1040,bayannur,/);
  });

  it("writes WKT for lines and polygons in CSV", async () => {
    const res = await download(t, "/api/v1/exports/risk-areas.csv");
    const lines = res.text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]!.startsWith("id,geometry,nameZh,")).toBe(true);
    expect(lines[1]).toMatch(/^1,"MULTIPOLYGON\(\(\(108\.75 40\.66,108\.95 40\.62,/);
  });

  it("exports kinds without geometry as GeoJSON and CSV", async () => {
    const geojson = JSON.parse((await download(t, "/api/v1/exports/aircraft-types.geojson")).text);
    expect(geojson.features[0].geometry).toBeNull();
    expect(geojson.features[0].properties.id).toBe(geojson.features[0].id);

    const csv = (await download(t, "/api/v1/exports/aircraft.csv")).text;
    expect(csv.replace(/^\uFEFF/, "").startsWith("id,registration,icaoAddress,")).toBe(true);
  });

  it("guards text that a spreadsheet would run", async () => {
    const created = await t.call("PATCH", "/api/v1/landing-points/1", { body: { type: "Feature", properties: { notes: "=HYPERLINK(\"http://example.invalid\")" } } });
    expect(created.status).toBe(200);
    const res = await download(t, "/api/v1/exports/landing-points.csv");
    expect(res.text).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
  });

  it("returns 404 for an unknown kind", async () => {
    const res = await download(t, "/api/v1/exports/helicopters.geojson");
    expect(res.status).toBe(404);
  });

  it("rejects an unknown extension", async () => {
    const res = await download(t, "/api/v1/exports/landing-points.shp");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatchObject({ code: "invalid_format", field: "format" });
  });

  it("needs a token", async () => {
    const res = await t.app.request("/api/v1/exports/landing-points.geojson");
    expect(res.status).toBe(401);
  });
});

describe("track exports", () => {
  beforeAll(async () => {
    const start = Date.parse("2026-09-18T05:00:00Z");
    for (let i = 0; i < 5; i++) {
      const time = new Date(start + i * 60_000).toISOString();
      await t.database.sql`
        INSERT INTO positions (icao_address, time, location, altitude_m, source)
        VALUES ('7801A2', ${time}, ST_SetSRID(ST_MakePoint(${108.38 + i * 0.01}, ${41.69 + i * 0.005}), 4326), ${1400 + i * 100}, 'test')`;
    }
  });

  const window = "from=2026-09-18T04:00:00Z&to=2026-09-18T06:00:00Z";

  it("writes GPX track points with height and time", async () => {
    const res = await download(t, `/api/v1/exports/tracks/7801a2.gpx?${window}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="track-7801A2.gpx"');

    const [track] = gpxToGeoJson(parseXml(res.text)).features;
    expect(track!.properties).toMatchObject({ _gpxType: "trk", name: "7801A2" });
    const coordinates = (track!.geometry as { coordinates: number[][] }).coordinates;
    expect(coordinates).toHaveLength(5);
    expect(coordinates[0]).toEqual([108.38, 41.69, 1400]);
    expect((track!.properties!.coordinateProperties as { times: string[] }).times[4]).toBe("2026-09-18T05:04:00.000Z");
  });

  it("writes GeoJSON and KML tracks", async () => {
    const geojson = JSON.parse((await download(t, `/api/v1/exports/tracks/7801A2.geojson?${window}`)).text);
    expect(geojson.geometry.coordinates[4]).toEqual([108.42, 41.71, 1800]);
    expect(geojson.properties.times).toHaveLength(5);

    const kml = await download(t, `/api/v1/exports/tracks/7801A2.kml?${window}`);
    expect(kml.status).toBe(200);
    const [line] = kmlToGeoJson(parseXml(kml.text)).features;
    expect(line!.properties).toMatchObject({ name: "航迹 7801A2", icaoAddress: "7801A2", count: "5" });
  });

  it("returns 404 for a window without positions", async () => {
    const res = await download(t, "/api/v1/exports/tracks/7801A2.gpx?from=2026-01-01T00:00:00Z&to=2026-01-01T06:00:00Z");
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).error.code).toBe("no_positions");
  });

  it("rejects a window longer than three days", async () => {
    const res = await download(t, "/api/v1/exports/tracks/7801A2.gpx?from=2026-09-01T00:00:00Z&to=2026-09-18T00:00:00Z");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatchObject({ code: "invalid_query", field: "from" });
  });

  it("rejects a malformed ICAO address", async () => {
    const res = await download(t, "/api/v1/exports/tracks/7801.gpx");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatchObject({ code: "invalid_format", field: "icao" });
  });
});

describe("coverage export", () => {
  it("writes isochrones as KML and GeoJSON", () => {
    const areas = [
      {
        geometry: { type: "Polygon" as const, coordinates: [[[107.5, 40.7], [108, 40.7], [108, 41], [107.5, 40.7]]] },
        properties: { nameZh: "60 分钟可达区域", thresholdMin: 60 },
      },
    ];
    const kml = exportCoverageResult("临河站覆盖范围", areas, "kml");
    expect(kml.extension).toBe("kml");
    const [feature] = kmlToGeoJson(parseXml(kml.body)).features;
    expect(feature!.properties).toMatchObject({ name: "60 分钟可达区域", thresholdMin: "60" });
    expect(feature!.geometry?.type).toBe("Polygon");

    const geojson = JSON.parse(exportCoverageResult("临河站覆盖范围", areas, "geojson").body);
    expect(geojson.features[0].properties.thresholdMin).toBe(60);
  });
});
