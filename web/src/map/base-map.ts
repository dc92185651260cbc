import L from "leaflet";

import places from "../../../data/geo/places.geojson";
import { currentLanguage, onLanguageChange } from "../core/i18n.js";
import { escapeHtml } from "../core/dom.js";
import { airportSymbol } from "../assets/symbols.js";
import { layoutLabels, type LabelAnchor } from "./label-layout.js";
import { labelPosition } from "./label-points.js";

export interface AdminAreaProperties {
  adcode: string;
  nameZh: string;
  nameEn: string | null;
  role: "subject" | "county_of_subject" | "neighbour";
  areaKm2: number;
}

type AdminArea = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, AdminAreaProperties>;

interface PlaceProperties {
  name_zh: string;
  name_en: string;
  kind: string;
  icao?: string;
}

// The map's base colours. Land outside the city is the container's
// background in styles/layout.css.
export const baseStyle = {
  cityFill: "#fbfaf7",
  cityLine: "#3f4a57",
  countyLine: "#98a1ab",
  neighbourFill: "#ebe8e1",
  neighbourLine: "#b3ada1",
  river: "#6aa6d8",
};

// Labels of neighbours are placed inside this box (lon/lat) around the city,
// so that they show up at the edge of the default view.
const neighbourLabelBox: [number, number, number, number] = [104.6, 39.7, 110.6, 42.9];

// Short English names for the places drawn on the base map; places.geojson
// carries long descriptive English names meant for provenance.
const shortEnglish: Record<string, string> = {
  "乌梁素海": "Ulansuhai",
  "乌拉山": "Wula Mountains",
};

function localName(nameZh: string, nameEn: string | null | undefined): string {
  if (currentLanguage() === "en" && nameEn) {
    return nameEn;
  }
  return nameZh;
}

function labelIcon(className: string, text: string): L.DivIcon {
  return L.divIcon({
    className: `map-label ${className}`,
    html: `<span>${escapeHtml(text)}</span>`,
    iconSize: undefined,
    iconAnchor: [0, 0],
  });
}

// Placement order and rules per label class: county and neighbour names
// always show; the others give way to them and to asset markers.
const labelRules: Record<string, { priority: number; required: boolean; anchor: LabelAnchor }> = {
  "label-county": { priority: 1, required: true, anchor: "centre" },
  "label-neighbour": { priority: 2, required: true, anchor: "centre" },
  "label-water": { priority: 3, required: false, anchor: "centre" },
  "label-river": { priority: 3, required: false, anchor: "centre" },
  "label-mountain": { priority: 4, required: false, anchor: "centre" },
  "label-airport": { priority: 5, required: false, anchor: "right" },
};

// A label whose text is re-rendered when the language changes.
class Label {
  readonly marker: L.Marker;

  constructor(
    latLng: L.LatLngExpression,
    readonly className: string,
    private readonly text: () => string,
  ) {
    this.marker = L.marker(latLng, { icon: labelIcon(className, text()), pane: "baseLabels", interactive: false, keyboard: false });
  }

  refresh(): void {
    this.marker.setIcon(labelIcon(this.className, this.text()));
  }
}

export interface BaseMap {
  // Fades the area fills while a raster tile layer is shown under them.
  setRasterShown(shown: boolean): void;
  // Places the labels again, clear of each other, of asset markers and of
  // the map controls.
  layout(): void;
}

// Draws the offline base map: neighbouring cities, the city and its
// counties from /api/v1/admin-areas, and the Yellow River, Ulansuhai, Wula
// Mountains and airports bundled from data/geo/places.geojson.
export function drawBaseMap(map: L.Map, areas: AdminArea[]): BaseMap {
  const labels: Label[] = [];
  const fills: L.GeoJSON[] = [];

  const neighbours = areas.filter((a) => a.properties.role === "neighbour");
  const city = areas.filter((a) => a.properties.role === "subject");
  const counties = areas.filter((a) => a.properties.role === "county_of_subject");

  const neighbourLayer = L.geoJSON(neighbours, {
    pane: "baseAreas",
    interactive: false,
    style: { color: baseStyle.neighbourLine, weight: 1, fillColor: baseStyle.neighbourFill, fillOpacity: 1 },
  }).addTo(map);
  fills.push(neighbourLayer);

  const cityFill = L.geoJSON(city, {
    pane: "baseAreas",
    interactive: false,
    style: { stroke: false, fillColor: baseStyle.cityFill, fillOpacity: 1 },
  }).addTo(map);
  fills.push(cityFill);

  L.geoJSON(counties, {
    pane: "baseLines",
    interactive: false,
    style: { color: baseStyle.countyLine, weight: 1, dashArray: "5 3", fill: false },
  }).addTo(map);

  L.geoJSON(city, {
    pane: "baseLines",
    interactive: false,
    style: { color: baseStyle.cityLine, weight: 2.2, opacity: 0.9, fill: false },
  }).addTo(map);

  for (const area of neighbours) {
    addAreaLabel(labels, area, "label-neighbour", neighbourLabelBox);
  }
  for (const area of counties) {
    addAreaLabel(labels, area, "label-county", null);
  }

  drawPlaces(map, labels);

  for (const label of labels) {
    label.marker.addTo(map);
  }

  const layout = () => placeLabels(map, labels);
  map.on("moveend", layout);
  onLanguageChange(() => {
    labels.forEach((label) => label.refresh());
    layout();
  });
  layout();

  return {
    setRasterShown(shown: boolean) {
      for (const layer of fills) {
        layer.setStyle({ fillOpacity: shown ? 0.25 : 1 });
      }
    },
    layout,
  };
}

function placeLabels(map: L.Map, labels: Label[]): void {
  // Asset markers and the map's own controls (zoom, panels, scale) stay uncovered.
  const obstacles = [...map.getContainer().querySelectorAll(".asset-marker, .leaflet-control")];
  layoutLabels(
    labels.map((label) => ({ element: label.marker.getElement(), ...labelRules[label.className]! })),
    obstacles,
    map.getContainer(),
  );
}

function addAreaLabel(labels: Label[], area: AdminArea, className: string, clip: [number, number, number, number] | null): void {
  const lonLat = labelPosition(area.geometry, clip);
  if (!lonLat) {
    return;
  }

  const { nameZh, nameEn } = area.properties;
  labels.push(new Label([lonLat[1], lonLat[0]], className, () => localName(nameZh, nameEn)));
}

function drawPlaces(map: L.Map, labels: Label[]): void {
  for (const feature of places.features as Array<GeoJSON.Feature<GeoJSON.Geometry, PlaceProperties>>) {
    const { kind, name_zh: nameZh, name_en: nameEn } = feature.properties;
    const geometry = feature.geometry;

    if (kind === "river" && geometry.type === "MultiLineString") {
      const latLngs = geometry.coordinates.map((line) => line.map(([lon, lat]) => L.latLng(lat!, lon!)));
      L.polyline(latLngs, { pane: "baseLines", color: baseStyle.river, weight: 2.6, opacity: 0.95, interactive: false }).addTo(map);
      // The label sits on the reach between Linhe and Wuyuan, where the
      // river runs west to east, along the horizontal text.
      labels.push(new Label([40.8, 107.95], "label-river", () => (currentLanguage() === "en" ? "Yellow River" : "黄河")));
      continue;
    }

    if (geometry.type !== "Point") {
      continue;
    }
    const [lon, lat] = geometry.coordinates as [number, number];

    if (kind === "airport" || kind === "ga_airport") {
      drawAirport(map, labels, [lat, lon], kind === "ga_airport", nameZh, nameEn);
    } else if (kind === "lake") {
      labels.push(new Label([lat, lon], "label-water", () => localName(nameZh, shortEnglish[nameZh] ?? nameEn)));
    } else if (kind === "mountain_forest_area") {
      labels.push(new Label([lat, lon], "label-mountain", () => localName(nameZh, shortEnglish[nameZh] ?? nameEn)));
    }
  }
}

function drawAirport(map: L.Map, labels: Label[], latLng: [number, number], generalAviation: boolean, nameZh: string, nameEn: string): void {
  const size = generalAviation ? 10 : 12;
  L.marker(latLng, {
    pane: "baseSymbols",
    interactive: false,
    keyboard: false,
    icon: L.divIcon({ className: "airport-symbol", html: airportSymbol(generalAviation), iconSize: [size, size] }),
  }).addTo(map);

  // places.geojson adds notes in brackets to English airport names, such as
  // "Urad Middle Banner (Hailiutu) Airport"; the label leaves them out.
  const shortNameEn = nameEn.replace(/\s*\([^)]*\)/g, "");
  labels.push(new Label(latLng, "label-airport", () => localName(nameZh, shortNameEn)));
}
