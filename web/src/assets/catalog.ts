import L from "leaflet";

import { formatMonths, formatNumber } from "../core/format.js";
import { currentLanguage, t, type MessageKey } from "../core/i18n.js";
import { namesFor, renderPopup } from "./popup.js";
import {
  areaSwatch, bandSwatch, baseKinds, baseSymbol, baseSymbolSize, landingPointSymbol, riskColours, riskKinds,
  routeColour, waterSymbol, type RiskKind, type WaterState,
} from "./symbols.js";
import type {
  Aircraft, AircraftType, BaseProperties, LandingPointProperties, PatrolRouteProperties, RiskAreaProperties,
  WaterSourceProperties,
} from "./types.js";
import { enumLabel, kilometers, meters, timestamp, yesNo } from "./values.js";

// What a feature's popup and symbol may need beyond its own properties.
export interface AssetContext {
  basesById: Map<number, BaseProperties>;
  aircraft: Aircraft[];
  typesById: Map<string, AircraftType>;
  // Month 1-12 in China Standard Time.
  month: number;
}

export interface LegendEntry {
  swatch: string;
  label: () => string;
}

// One asset kind as the console draws it. P is the kind's properties type;
// the default is any so that one list can hold every kind.
export interface AssetLayerSpec<P = any> {
  id: "bases" | "landingPoints" | "waterSources" | "patrolRoutes" | "riskAreas";
  path: string;
  titleKey: MessageKey;
  pane: string;
  legend(): LegendEntry[];
  createLayer(feature: GeoJSON.Feature<GeoJSON.Geometry, P>, context: AssetContext): L.Layer;
  popup(properties: P, context: AssetContext): HTMLElement;
}

function pointMarker(feature: GeoJSON.Feature<GeoJSON.Geometry>, html: string, size: number, className: string, title: string): L.Marker {
  const [lon, lat] = (feature.geometry as GeoJSON.Point).coordinates as [number, number];
  return L.marker([lat, lon], {
    icon: L.divIcon({ className: `asset-marker ${className}`, html, iconSize: [size, size] }),
    title,
    alt: title,
    riseOnHover: true,
  });
}

function provenanceRows(properties: { notes?: string | null; source?: string | null; updatedAt?: string }): Array<[MessageKey, string | null | undefined]> {
  return [
    ["field.notes", properties.notes],
    ["field.source", properties.source],
    ["field.updatedAt", timestamp(properties.updatedAt)],
  ];
}

const bases: AssetLayerSpec<BaseProperties> = {
  id: "bases",
  path: "/bases",
  titleKey: "layers.bases",
  pane: "markerPane",
  legend: () => baseKinds.map((kind) => ({ swatch: baseSymbol(kind), label: () => t(`enum.baseKind.${kind}`) })),
  createLayer(feature) {
    const { kind, nameZh, nameEn } = feature.properties;
    const marker = pointMarker(feature, baseSymbol(kind), baseSymbolSize[kind], `base-${kind}`, namesFor(nameZh, nameEn).title);
    marker.setZIndexOffset(kind === "air_station" ? 1000 : 500);
    return marker;
  },
  popup(p, context) {
    const here = context.aircraft.filter((a) => a.homeBaseId === p.id);
    const aircraftText = here
      .map((a) => `${a.registration} ${typeName(context.typesById.get(a.typeId)) ?? a.typeId}`)
      .join(t("value.listSeparator"));

    return renderPopup({
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      kindLabel: t(`enum.baseKind.${p.kind}`),
      synthetic: p.synthetic,
      rows: [
        ["field.code", p.code],
        ["field.city", enumLabel("enum.city", p.city)],
        ["field.fuelAvailable", yesNo(p.fuelAvailable)],
        ["field.nightOperations", yesNo(p.nightOperations)],
        ["field.elevationM", meters(p.elevationM)],
        ["field.aircraftHere", aircraftText],
        ...provenanceRows(p),
      ],
    });
  },
};

const landingPoints: AssetLayerSpec<LandingPointProperties> = {
  id: "landingPoints",
  path: "/landing-points",
  titleKey: "layers.landingPoints",
  pane: "markerPane",
  legend: () => [
    { swatch: landingPointSymbol(true), label: () => t("legend.landingNight") },
    { swatch: landingPointSymbol(false), label: () => t("legend.landingDay") },
  ],
  createLayer(feature) {
    const { nameZh, nameEn, nightCapable } = feature.properties;
    return pointMarker(feature, landingPointSymbol(nightCapable === true), 14, "landing-point", namesFor(nameZh, nameEn).title);
  },
  popup(p) {
    return renderPopup({
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      kindLabel: t("layers.landingPoints"),
      synthetic: p.synthetic,
      rows: [
        ["field.surface", enumLabel("enum.surface", p.surface)],
        ["field.sizeM", meters(p.sizeM)],
        ["field.nightCapable", yesNo(p.nightCapable)],
        ["field.elevationM", meters(p.elevationM)],
        ["field.city", enumLabel("enum.city", p.city)],
        ...provenanceRows(p),
      ],
    });
  },
};

export function waterState(p: WaterSourceProperties, month: number): WaterState {
  if (p.monthsFrozen?.includes(month)) {
    return "frozen";
  }
  return p.bucketUsable === false ? "noBucket" : "open";
}

const waterSources: AssetLayerSpec<WaterSourceProperties> = {
  id: "waterSources",
  path: "/water-sources",
  titleKey: "layers.waterSources",
  pane: "markerPane",
  legend: () => [
    { swatch: waterSymbol("open"), label: () => t("legend.waterOpen") },
    { swatch: waterSymbol("noBucket"), label: () => t("legend.waterNoBucket") },
    { swatch: waterSymbol("frozen"), label: () => t("legend.waterFrozen") },
  ],
  createLayer(feature, context) {
    const { nameZh, nameEn } = feature.properties;
    const state = waterState(feature.properties, context.month);
    return pointMarker(feature, waterSymbol(state), 12, `water-source water-${state}`, namesFor(nameZh, nameEn).title);
  },
  popup(p, context) {
    const frozen = waterState(p, context.month) === "frozen";
    return renderPopup({
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      kindLabel: `${t("layers.waterSources")} · ${enumLabel("enum.waterKind", p.kind)}`,
      synthetic: p.synthetic,
      badges: frozen ? [t("popup.frozenNow")] : [],
      rows: [
        ["field.bucketUsable", yesNo(p.bucketUsable)],
        ["field.minDepthM", meters(p.minDepthM)],
        ["field.monthsFrozen", p.monthsFrozen && p.monthsFrozen.length > 0 ? formatMonths(p.monthsFrozen) : null],
        ["field.city", enumLabel("enum.city", p.city)],
        ...provenanceRows(p),
      ],
    });
  },
};

const patrolRoutes: AssetLayerSpec<PatrolRouteProperties> = {
  id: "patrolRoutes",
  path: "/patrol-routes",
  titleKey: "layers.patrolRoutes",
  pane: "patrolRoutes",
  legend: () => [{ swatch: bandSwatch(routeColour), label: () => t("legend.route") }],
  createLayer(feature) {
    const coordinates = (feature.geometry as GeoJSON.LineString).coordinates;
    const latLngs = coordinates.map(([lon, lat]) => L.latLng(lat!, lon!));
    const band = new CorridorBand(latLngs, feature.properties.corridorWidthKm);
    const line = L.polyline(latLngs, { pane: "patrolRoutes", color: routeColour, weight: 2.2, dashArray: "7 4", opacity: 0.95 });
    return L.featureGroup([band, line]);
  },
  popup(p, context) {
    const homeBase = p.homeBaseId ? context.basesById.get(p.homeBaseId) : undefined;
    return renderPopup({
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      kindLabel: t("layers.patrolRoutes"),
      synthetic: p.synthetic,
      badges: p.activeMonths?.includes(context.month) ? [t("popup.activeNow")] : [],
      rows: [
        ["field.corridorWidthKm", kilometers(p.corridorWidthKm)],
        ["field.activeMonths", p.activeMonths && p.activeMonths.length > 0 ? formatMonths(p.activeMonths) : null],
        ["field.homeBase", homeBase ? namesFor(homeBase.nameZh, homeBase.nameEn).title : null],
        ...provenanceRows(p),
      ],
    });
  },
};

// Fill opacity grows with the risk weight (0-10), from 0.06 to 0.36.
export function riskFillOpacity(weight: number): number {
  return 0.06 + 0.03 * Math.max(0, Math.min(10, weight));
}

const riskAreas: AssetLayerSpec<RiskAreaProperties> = {
  id: "riskAreas",
  path: "/risk-areas",
  titleKey: "layers.riskAreas",
  pane: "riskAreas",
  legend: () => [
    ...riskKinds.map((kind) => ({
      swatch: areaSwatch(riskColours[kind], riskFillOpacity(7), riskColours[kind]),
      label: () => t(`enum.riskKind.${kind}`),
    })),
    { swatch: weightRamp(), label: () => t("legend.riskWeight") },
  ],
  createLayer(feature) {
    const colour = riskColours[feature.properties.kind as RiskKind] ?? "#616161";
    return L.geoJSON(feature, {
      pane: "riskAreas",
      style: { color: colour, weight: 1, opacity: 0.8, fillColor: colour, fillOpacity: riskFillOpacity(feature.properties.weight) },
    });
  },
  popup(p) {
    return renderPopup({
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      kindLabel: `${t("layers.riskAreas")} · ${enumLabel("enum.riskKind", p.kind)}`,
      synthetic: p.synthetic,
      rows: [["field.weight", t("value.weight", { n: formatNumber(p.weight, 1) })], ...provenanceRows(p)],
    });
  },
};

function weightRamp(): string {
  const steps = [2, 5, 8].map(
    (weight, i) => `<rect x="${1 + i * 7.5}" y="1" width="7" height="12" fill="#555" fill-opacity="${riskFillOpacity(weight)}"/>`,
  );
  return `<svg width="24" height="14" viewBox="0 0 24 14" aria-hidden="true">${steps.join("")}</svg>`;
}

export function typeName(type: AircraftType | undefined): string | undefined {
  if (!type) {
    return undefined;
  }
  return currentLanguage() === "en" || !type.nameZh ? type.name : type.nameZh;
}

// A translucent band as wide on the ground as the patrol corridor: a
// polyline whose pixel weight is recomputed from the map scale on zoom.
class CorridorBand extends L.Polyline {
  constructor(
    latLngs: L.LatLng[],
    private readonly widthKm: number,
  ) {
    super(latLngs, { pane: "patrolRoutes", color: routeColour, opacity: 0.13, lineCap: "round", lineJoin: "round", weight: 1 });
  }

  override onAdd(map: L.Map): this {
    super.onAdd(map);
    map.on("zoomend", this.resize, this);
    this.resize();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off("zoomend", this.resize, this);
    return super.onRemove(map);
  }

  private resize(): void {
    const map = (this as unknown as { _map: L.Map | undefined })._map;
    if (!map) {
      return;
    }
    const centre = this.getBounds().getCenter();
    // Metres per CSS pixel at this latitude and zoom (Web Mercator).
    const metresPerPixel = (40_075_016.686 * Math.cos((centre.lat * Math.PI) / 180)) / (256 * 2 ** map.getZoom());
    this.setStyle({ weight: Math.max(2, (this.widthKm * 1000) / metresPerPixel) });
  }
}

export const assetLayerSpecs: AssetLayerSpec[] = [riskAreas, patrolRoutes, waterSources, landingPoints, bases];
