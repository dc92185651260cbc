import { kmlWithFolders, type Folder, type Root } from "@tmcw/togeojson";
import { unzipSync } from "fflate";

import type { ParsedFile, ParseOptions, SourceRecord } from "./records.js";
import { decodeText, invalidFile, parseXml } from "./text.js";

// A KMZ is a zip archive with the KML (by convention doc.kml) at its root.
// Only .kml entries are inflated, and only up to this declared size. fflate
// 0.8.3 inflates each entry into a buffer of its declared size, so a small
// archive cannot expand into gigabytes.
const maxKmlInKmzBytes = 100 * 1024 * 1024;

// Presentation keys that toGeoJSON adds from KML styles and metadata. They
// are not asset properties, so they are dropped instead of being reported as
// ignored fields on every placemark.
const presentationKeys = new Set([
  "styleUrl", "styleHash", "styleMapHash", "stroke", "stroke-opacity", "stroke-width", "fill", "fill-opacity",
  "visibility", "icon", "icon-scale", "icon-color", "icon-opacity", "icon-heading", "icon-offset", "icon-offset-units",
  "label-scale", "label-color", "label-opacity", "timespan", "timestamp", "@geometry-type", "open",
]);

export function unzipKmz(bytes: Uint8Array): Uint8Array {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => file.name.toLowerCase().endsWith(".kml") && file.originalSize <= maxKmlInKmzBytes,
    });
  } catch (error) {
    throw invalidFile(`KMZ: not a readable zip archive (${(error as Error).message})`);
  }

  const names = Object.keys(entries);
  const chosen = names.find((name) => name.toLowerCase() === "doc.kml") ?? names.find((name) => !name.includes("/")) ?? names[0];
  if (!chosen) {
    throw invalidFile("KMZ: the archive has no .kml file");
  }
  return entries[chosen]!;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") {
    return value;
  }
  // toGeoJSON returns an HTML description as { "@type": "html", value }.
  const html = value as { value?: unknown } | null;
  return typeof html?.value === "string" ? html.value : undefined;
}

// Turns one placemark's toGeoJSON properties into our raw properties: the
// placemark <name> is nameZh and <description> is notes, unless the
// ExtendedData carries those fields itself.
function placemarkProperties(raw: Record<string, unknown>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!presentationKeys.has(key) && key !== "name" && key !== "description") {
      properties[key] = value;
    }
  }
  if (properties.nameZh === undefined && typeof raw.name === "string") {
    properties.nameZh = raw.name;
  }
  const description = textOf(raw.description);
  if (properties.notes === undefined && description !== undefined) {
    properties.notes = description;
  }
  return properties;
}

// Tells whether a placemark at `path` is inside the requested folder: a
// name such as 机降点 matches a folder of that name at any depth, and a path
// such as 机降点/临河区 matches from the top level down.
function inFolder(path: string[], folder: string): boolean {
  if (!folder.includes("/")) {
    return path.includes(folder);
  }
  const requestedPath = folder.split("/").map((part) => part.trim());
  return requestedPath.every((part, depth) => path[depth] === part);
}

// Reads KML placemarks with their folder path. Folders are a filter, not a
// property: with `folder` set, only placemarks inside that folder (with its
// sub-folders) are read and the rest are skipped.
// Every record reports its folder path, such as 机降点/临河区.
export function parseKml(text: string, options: Pick<ParseOptions, "folder">): ParsedFile {
  const document = parseXml(text);
  if (document.documentElement?.localName !== "kml") {
    throw invalidFile(`KML: the root element is <${document.documentElement?.localName ?? ""}>, expected <kml>`);
  }

  const tree: Root = kmlWithFolders(document);
  const records: SourceRecord[] = [];
  let skipped = 0;
  let index = 0;

  const visit = (children: Root["children"], path: string[]) => {
    for (const child of children) {
      if (child.type === "folder") {
        const folder = child as Folder;
        visit(folder.children, [...path, String(folder.meta.name ?? "")]);
        continue;
      }

      const position = index++;
      if (options.folder !== undefined && !inFolder(path, options.folder)) {
        skipped++;
        continue;
      }
      const raw = (child.properties ?? {}) as Record<string, unknown>;
      const name = typeof raw.name === "string" ? raw.name : undefined;
      records.push({
        ref: { index: position, ...(name ? { name } : {}), ...(path.length ? { folder: path.join("/") } : {}) },
        properties: placemarkProperties(raw),
        geometry: child.geometry,
        errors: [],
      });
    }
  };
  visit(tree.children, []);

  return { records, skipped };
}

export function parseKmz(bytes: Uint8Array, options: Pick<ParseOptions, "folder">): ParsedFile {
  return parseKml(decodeText(unzipKmz(bytes)).text, options);
}
