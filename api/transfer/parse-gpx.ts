import { gpx } from "@tmcw/togeojson";
import { DOMImplementation, type Document, type Element } from "@xmldom/xmldom";

import { gpxCoreNamespace, gpxNamespace } from "./gpx-namespace.js";
import type { ParsedFile, ParseOptions, SourceRecord } from "./records.js";
import { invalidFile, parseXml } from "./text.js";

function namespacePrefixes(root: Element): { declarations: [string, string][]; ours: string[] } {
  const declarations: [string, string][] = [];
  for (const attribute of Array.from(root.attributes)) {
    if (attribute.name.startsWith("xmlns:")) {
      declarations.push([attribute.name, attribute.value]);
    }
  }
  const ours = declarations.filter(([, uri]) => uri === gpxNamespace).map(([name]) => name.slice("xmlns:".length));
  return { declarations, ours };
}

// Converts one element with toGeoJSON in a document of its own, so that each
// <wpt>, <rte> or <trk> maps to exactly one record. toGeoJSON skips an
// element without usable coordinates, so reading them one at a time lets
// that element be reported as rejected instead of vanishing.
function convertElement(element: Element, declarations: [string, string][]) {
  const document: Document = new DOMImplementation().createDocument(gpxCoreNamespace, "gpx", null);
  const root = document.documentElement!;
  for (const [name, uri] of declarations) {
    root.setAttribute(name, uri);
  }
  root.appendChild(document.importNode(element, true));
  return gpx(document).features[0] ?? null;
}

// Returns the text of a direct child element, so that a route's <name> is
// not taken from one of its points.
function childText(element: Element, localName: string): string | undefined {
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === 1 && (node as Element).localName === localName) {
      return node.textContent?.trim() || undefined;
    }
  }
  return undefined;
}

// Joins the segments of a multi-segment track (a GPS unit starts a new
// segment after losing its fix) into one line, in file order.
function singleLine(geometry: { type: string; coordinates: unknown }): unknown {
  if (geometry.type === "MultiLineString") {
    return { type: "LineString", coordinates: (geometry.coordinates as unknown[][]).flat() };
  }
  return geometry;
}

function recordProperties(raw: Record<string, unknown>, ourPrefixes: string[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const prefix of ourPrefixes) {
    for (const [key, value] of Object.entries(raw)) {
      if (key.startsWith(`${prefix}_`)) {
        properties[key.slice(prefix.length + 1)] = value;
      }
    }
  }
  if (properties.nameZh === undefined && typeof raw.name === "string") {
    properties.nameZh = raw.name;
  }
  const note = typeof raw.desc === "string" ? raw.desc : raw.cmt;
  if (properties.notes === undefined && typeof note === "string") {
    properties.notes = note;
  }
  return properties;
}

// Reads GPX 1.1 (and 1.0). Waypoints become points, and routes and tracks
// become lines. The kind's geometry decides which of them are read, and the
// others are counted as skipped. A waypoint's <ele> is its elevationM.
export function parseGpx(text: string, options: Pick<ParseOptions, "geometryTypes">): ParsedFile {
  const document = parseXml(text);
  const root = document.documentElement;
  if (root?.localName !== "gpx") {
    throw invalidFile(`GPX: the root element is <${root?.localName ?? ""}>, expected <gpx>`);
  }

  const { declarations, ours } = namespacePrefixes(root);
  const wantPoints = options.geometryTypes.includes("Point");
  const wantLines = options.geometryTypes.includes("LineString");
  const records: SourceRecord[] = [];
  let skipped = 0;

  const counters: Record<string, number> = { wpt: 0, rte: 0, trk: 0 };
  for (const element of Array.from(root.childNodes) as Element[]) {
    const tag = element.localName ?? "";
    if (element.nodeType !== 1 || !(tag in counters)) {
      continue;
    }
    const index = counters[tag]!;
    counters[tag] = index + 1;
    if ((tag === "wpt" && !wantPoints) || (tag !== "wpt" && !wantLines)) {
      skipped++;
      continue;
    }

    const feature = convertElement(element, declarations);
    const rawName = childText(element, "name");
    const ref = { index, element: tag, ...(rawName ? { name: rawName } : {}) };
    if (!feature?.geometry) {
      records.push({
        ref,
        properties: {},
        geometry: null,
        errors: [{ code: "invalid_geometry", field: "geometry", expected: tag === "wpt" ? "lat and lon attributes in degrees" : "at least 2 points with lat and lon" }],
      });
      continue;
    }

    const raw = feature.properties ?? {};
    const properties = recordProperties(raw, ours);
    const coordinates = feature.geometry.type === "Point" ? feature.geometry.coordinates : null;
    if (coordinates && coordinates.length > 2 && properties.elevationM === undefined) {
      properties.elevationM = coordinates[2];
    }
    records.push({ ref, properties, geometry: singleLine(feature.geometry as { type: string; coordinates: unknown }), errors: [] });
  }

  return { records, skipped };
}
