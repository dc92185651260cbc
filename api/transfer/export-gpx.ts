import { DOMImplementation, XMLSerializer, type Document, type Element } from "@xmldom/xmldom";

import type { AssetKind } from "../assets/kinds.js";
import { ApiError } from "../http/errors.js";
import type { ExportFeature } from "./export-data.js";
import { gpxCoreNamespace, gpxNamespace, gpxPrefix } from "./gpx-namespace.js";

// GPX 1.1 is written through xmldom's DOM and XMLSerializer, which escape
// text and attributes. The npm GPX writers either pull in a large XML stack
// (gpx-builder needs xmlbuilder2 and Babel's runtime) or cannot add our
// extension elements, and xmldom is already the DOM that reads GPX.

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>\n';

// Properties written as GPX elements of their own rather than extensions.
const coreFields = new Set(["nameZh", "notes", "elevationM", "createdAt", "updatedAt"]);

// Appends a GPX element, with text when given.
export function child(document: Document, parent: Element, name: string, text?: string): Element {
  const element = document.createElementNS(gpxCoreNamespace, name);
  if (text !== undefined) {
    element.appendChild(document.createTextNode(text));
  }
  parent.appendChild(element);
  return element;
}

function extensionText(value: unknown): string {
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}

// Adds name, desc and the <extensions> with every other non-empty property,
// in the element order that the GPX 1.1 schema requires.
function describe(document: Document, element: Element, properties: Record<string, unknown>): void {
  if (typeof properties.nameZh === "string") {
    child(document, element, "name", properties.nameZh);
  }
  if (typeof properties.notes === "string") {
    child(document, element, "desc", properties.notes);
  }

  const extensions = Object.entries(properties).filter(([key, value]) => !coreFields.has(key) && value !== null && value !== undefined);
  if (extensions.length === 0) {
    return;
  }
  const container = child(document, element, "extensions");
  for (const [key, value] of extensions) {
    const extension = document.createElementNS(gpxNamespace, `${gpxPrefix}:${key}`);
    extension.appendChild(document.createTextNode(extensionText(value)));
    container.appendChild(extension);
  }
}

function setLonLat(element: Element, position: unknown): void {
  const [lon, lat] = position as number[];
  element.setAttribute("lat", String(lat));
  element.setAttribute("lon", String(lon));
}

export function newGpxDocument(): Document {
  const document = new DOMImplementation().createDocument(gpxCoreNamespace, "gpx", null);
  const root = document.documentElement!;
  root.setAttribute("version", "1.1");
  root.setAttribute("creator", "Bayannur air rescue dispatch");
  root.setAttribute(`xmlns:${gpxPrefix}`, gpxNamespace);
  return document;
}

export function serializeGpx(document: Document): string {
  return xmlDeclaration + new XMLSerializer().serializeToString(document);
}

// Writes points as <wpt> (with the elevation as <ele>) and lines as <rte>,
// since patrol routes are planned routes, not recorded tracks. Polygons have
// no GPX form: they raise a 400 that points to GeoJSON or KML.
export function writeGpx(features: ExportFeature[], kind: AssetKind): string {
  const stored = kind.geometry?.stored;
  if (stored !== "Point" && stored !== "LineString") {
    throw new ApiError(400, {
      code: "format_not_supported",
      field: "format",
      value: `${kind.path}.gpx`,
      expected: kind.geometry ? "geojson | kml | csv" : "geojson | csv",
    });
  }

  const document = newGpxDocument();
  const root = document.documentElement!;
  const points = features.filter((feature) => feature.geometry!.type === "Point");
  const lines = features.filter((feature) => feature.geometry!.type === "LineString");

  for (const feature of points) {
    const waypoint = child(document, root, "wpt");
    setLonLat(waypoint, feature.geometry!.coordinates);
    const elevationM = feature.properties.elevationM;
    if (typeof elevationM === "number") {
      child(document, waypoint, "ele", String(elevationM));
    }
    describe(document, waypoint, feature.properties);
  }
  for (const feature of lines) {
    const route = child(document, root, "rte");
    describe(document, route, feature.properties);
    for (const position of feature.geometry!.coordinates as unknown[]) {
      setLonLat(child(document, route, "rtept"), position);
    }
  }
  return serializeGpx(document);
}
