import { z } from "zod";

import { auditActorOf } from "../audit/log.js";
import { assetWriters } from "../auth/roles.js";
import { assetKinds } from "../assets/kinds.js";
import type { AppDeps } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { renderMessage } from "../http/messages.js";
import type { Router } from "../http/router.js";
import { parseOrThrow } from "../http/validation.js";
import { contentTypes, exportFormats, exportKind, type ExportFormat } from "./export-service.js";
import { loadTrack, noPositions, writeTrackGeoJson, writeTrackGpx, writeTrackKml, type TrackWindow } from "./export-track.js";
import { presentImport } from "./import-presenter.js";
import { parseImportRequest } from "./import-query.js";
import { runImport } from "./import-service.js";
import { readUpload } from "./upload.js";

// A track export covers at most this span: longer than the live history
// route allows, so that a several-day fire campaign comes out in one file.
// Three days at 1 Hz is about 260,000 positions.
const maxTrackExportHours = 72;
const defaultTrackExportHours = 24;

const trackQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

function splitFileName(file: string, formats: readonly string[]): { stem: string; format: string } {
  const dot = file.lastIndexOf(".");
  const format = dot > 0 ? file.slice(dot + 1).toLowerCase() : "";
  if (!formats.includes(format)) {
    throw new ApiError(400, { code: "invalid_format", field: "format", value: file, expected: `<name>.${formats.join(" | ")}` });
  }
  return { stem: file.slice(0, dot), format };
}

function trackWindow(icao: string, query: z.infer<typeof trackQuery>): TrackWindow {
  const toMs = query.to ? Date.parse(query.to) : Date.now();
  const fromMs = query.from ? Date.parse(query.from) : toMs - defaultTrackExportHours * 3_600_000;
  if (fromMs >= toMs) {
    throw new ApiError(400, { code: "invalid_query", field: "from", value: query.from, expected: "a time before `to`" });
  }
  if (toMs - fromMs > maxTrackExportHours * 3_600_000) {
    throw new ApiError(400, { code: "invalid_query", field: "from", value: query.from, expected: `a window of at most ${maxTrackExportHours} h` });
  }
  return { icaoAddress: icao, fromMs, toMs };
}

function download(body: string, contentType: string, fileName: string): Response {
  return new Response(body, {
    status: 200,
    headers: { "content-type": contentType, "content-disposition": `attachment; filename="${fileName}"` },
  });
}

export function registerTransferRoutes(router: Router, deps: AppDeps): void {
  const db = deps.database.db;
  const tag = "transfer";

  router.add(
    { method: "POST", path: "/api/v1/imports", access: assetWriters, summary: "Import assets from GeoJSON, KML, KMZ, GPX or CSV (dry run by default)", tag },
    async (c) => {
      const upload = await readUpload(c);
      const request = parseImportRequest(c.req.query(), upload);
      const result = await runImport(db, request, upload.bytes, { principal: c.get("principal")!, audit: auditActorOf(c) });
      const report = presentImport(request, result, c.get("locale"));
      deps.logger.info(
        { kind: request.kind.path, format: request.format, dryRun: request.dryRun, applied: result.committed, summary: report.summary, by: c.get("principal")?.name },
        "import run",
      );

      if (!request.dryRun && !result.committed) {
        const detail = { code: "import_rejected", field: "file", value: report.summary.reject };
        return c.json({ error: { ...detail, message: renderMessage(detail, c.get("locale")) }, ...report }, 422);
      }
      return c.json(report, 200);
    },
  );

  router.add(
    { method: "GET", path: "/api/v1/exports/tracks/:file", access: "any", summary: "Export one aircraft's stored track as <icao>.geojson, .kml or .gpx", tag },
    async (c) => {
      const { stem, format } = splitFileName(c.req.param("file")!, ["geojson", "kml", "gpx"]);
      const icao = stem.toUpperCase();
      if (!/^[0-9A-F]{6}$/.test(icao)) {
        throw new ApiError(400, { code: "invalid_format", field: "icao", value: stem, expected: "ICAO 24-bit address as 6 hex digits" });
      }
      const window = trackWindow(icao, parseOrThrow(trackQuery, c.req.query(), 400));

      const points = await loadTrack(db, window);
      if (points.length === 0) {
        throw noPositions(window);
      }
      const writers = { geojson: writeTrackGeoJson, kml: writeTrackKml, gpx: writeTrackGpx };
      const body = writers[format as keyof typeof writers](window, points);
      return download(body, contentTypes[format as ExportFormat], `track-${icao}.${format}`);
    },
  );

  router.add(
    { method: "GET", path: "/api/v1/exports/:file", access: "any", summary: "Export every record of a kind as <kind>.geojson, .kml, .gpx or .csv", tag },
    async (c) => {
      const { stem, format } = splitFileName(c.req.param("file")!, exportFormats);
      const kind = assetKinds.find((candidate) => candidate.path === stem);
      if (!kind) {
        throw new ApiError(404, { code: "not_found", field: "kind", value: stem });
      }

      const body = await exportKind(db, kind, format as ExportFormat);
      return download(body, contentTypes[format as ExportFormat], `${kind.path}.${format}`);
    },
  );
}
