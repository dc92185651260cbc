import { sql } from "drizzle-orm";

import type { Database } from "../db/client.js";
import { ApiError } from "../http/errors.js";
import type { ExportFeature } from "./export-data.js";
import { child, newGpxDocument, serializeGpx } from "./export-gpx.js";
import { writeKml } from "./export-kml.js";

export interface TrackPoint {
  lonLat: [number, number];
  altitudeM: number | null;
  // UTC, ISO 8601 with milliseconds.
  time: string;
}

export interface TrackWindow {
  icaoAddress: string;
  fromMs: number;
  toMs: number;
}

// Loads one aircraft's stored positions in a time window, oldest first.
export async function loadTrack(db: Database["db"], window: TrackWindow): Promise<TrackPoint[]> {
  const rows = await db.execute<{ lon: number; lat: number; altitudeM: number | null; time: string }>(sql`
    SELECT ST_X(location) AS lon, ST_Y(location) AS lat, altitude_m AS "altitudeM",
           to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time
    FROM positions
    WHERE icao_address = ${window.icaoAddress}
      AND time >= ${new Date(window.fromMs).toISOString()} AND time <= ${new Date(window.toMs).toISOString()}
    ORDER BY time`);
  return rows.map((row) => ({ lonLat: [row.lon, row.lat], altitudeM: row.altitudeM, time: row.time }));
}

function trackProperties(window: TrackWindow, points: TrackPoint[]) {
  return {
    icaoAddress: window.icaoAddress,
    from: new Date(window.fromMs).toISOString(),
    to: new Date(window.toMs).toISOString(),
    count: points.length,
  };
}

// GeoJSON LineString with the altitude in metres as the third value of each
// position and the UTC time of each vertex in `times`, in the same order as
// GET /api/v1/tracks/:icao returns it.
export function writeTrackGeoJson(window: TrackWindow, points: TrackPoint[]): string {
  return JSON.stringify({
    type: "Feature",
    id: window.icaoAddress,
    geometry: { type: "LineString", coordinates: points.map((p) => [...p.lonLat, p.altitudeM]) },
    properties: { ...trackProperties(window, points), times: points.map((p) => p.time) },
  });
}

// KML LineString of the track. Vertex times are lost because tokml writes
// no gx:Track, so GPX and GeoJSON are the formats that keep them.
export function writeTrackKml(window: TrackWindow, points: TrackPoint[]): string {
  const feature: ExportFeature = {
    id: window.icaoAddress,
    geometry: { type: "LineString", coordinates: points.map((p) => p.lonLat) },
    properties: { name: `航迹 ${window.icaoAddress}`, ...trackProperties(window, points) },
  };
  return writeKml([feature], `航迹 ${window.icaoAddress}`, "name");
}

// GPX <trk> with one segment: a recorded flight is a track, with <ele> in
// metres and <time> in UTC on every point.
export function writeTrackGpx(window: TrackWindow, points: TrackPoint[]): string {
  const document = newGpxDocument();
  const track = child(document, document.documentElement!, "trk");
  child(document, track, "name", window.icaoAddress);
  const segment = child(document, track, "trkseg");

  for (const point of points) {
    const trackPoint = child(document, segment, "trkpt");
    trackPoint.setAttribute("lat", String(point.lonLat[1]));
    trackPoint.setAttribute("lon", String(point.lonLat[0]));
    if (point.altitudeM !== null) {
      child(document, trackPoint, "ele", String(point.altitudeM));
    }
    child(document, trackPoint, "time", point.time);
  }
  return serializeGpx(document);
}

export function noPositions(window: TrackWindow): ApiError {
  return new ApiError(404, {
    code: "no_positions",
    field: "icao",
    value: window.icaoAddress,
    expected: `${new Date(window.fromMs).toISOString()} .. ${new Date(window.toMs).toISOString()}`,
  });
}
