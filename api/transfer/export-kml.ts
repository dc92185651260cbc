import { foldersToKML } from "@placemarkio/tokml";
import type { Feature, Geometry } from "geojson";

import type { ExportFeature } from "./export-data.js";

// KML is written with @placemarkio/tokml, the maintained successor of the
// unmaintained `tokml` by the same author as @tmcw/togeojson (which reads
// it back). It escapes text, keeps Chinese as UTF-8 and writes every
// property that is not `name` as ExtendedData <Data>.

// Folder names, in Chinese as planners see them in Google Earth or 奥维.
export const kindLabelsZh: Record<string, string> = {
  bases: "救援基地",
  "landing-points": "机降点",
  "water-sources": "取水点",
  "patrol-routes": "巡航线路",
  "risk-areas": "风险区域",
};

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>\n';

// tokml writes every non-string value with JSON.stringify, so a null would
// arrive as the text "null": absent values are left out instead.
function kmlProperties(properties: Record<string, unknown>, nameField: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const name = properties[nameField];
  if (name !== null && name !== undefined) {
    out.name = name;
  }
  for (const [key, value] of Object.entries(properties)) {
    if (key !== nameField && value !== null && value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}

// Writes features in one folder named `folderName`. Each placemark's <name>
// is the feature's `nameField` property (nameZh for assets).
export function writeKml(features: ExportFeature[], folderName: string, nameField = "nameZh"): string {
  const children = features.map(
    (feature): Feature<Geometry | null> => ({
      type: "Feature",
      geometry: feature.geometry as Geometry | null,
      properties: kmlProperties(feature.properties, nameField),
    }),
  );
  return xmlDeclaration + foldersToKML({ type: "root", children: [{ type: "folder", meta: { name: folderName }, children }] });
}
