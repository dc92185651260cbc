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

// Placeholder text for the points, which contains no XML special character
// so the serializer leaves it as it is.
const trackSegmentMarker = "TRACK-POINTS-7e3f";

// GPX <trk> with one segment: a recorded flight is a track, with <ele> in
// metres and <time> in UTC on every point. Unlike the asset GPX, the points
// are written as text. For a day at 1 Hz (86,400 points) an xmldom DOM took
// 1.8 s and 645 MB of process memory, and text took 0.1 s and 178 MB (tsx on
// the 2-core dev machine). Every value in a point is a number or an ISO
// time, so none needs escaping.
export function writeTrackGpx(window: TrackWindow, points: TrackPoint[]): string {
  const document = newGpxDocument();
  const track = child(document, document.documentElement!, "trk");
  child(document, track, "name", window.icaoAddress);
  child(document, track, "trkseg", trackSegmentMarker);

  const trackPoints = points.map((point) => {
    const elevation = point.altitudeM === null ? "" : `<ele>${point.altitudeM}</ele>`;
    return `<trkpt lat="${point.lonLat[1]}" lon="${point.lonLat[0]}">${elevation}<time>${point.time}</time></trkpt>`;
  });
  return serializeGpx(document).replace(trackSegmentMarker, trackPoints.join("\n"));
}

export function noPositions(window: TrackWindow): ApiError {
  return new ApiError(404, {
    code: "no_positions",
    field: "icao",
    value: window.icaoAddress,
    expected: `${new Date(window.fromMs).toISOString()} .. ${new Date(window.toMs).toISOString()}`,
  });
}
