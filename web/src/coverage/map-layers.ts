import L from "leaflet";

import { renderHeatmap } from "./heatmap.js";
import type { CoverageResponse, ScenarioResponse, ThresholdGeometry } from "./types.js";

// The coverage drawn on the map: the heat map under everything, the
// isochrone outlines, the unreached parts of the city, and a what-if's
// gained (green) and lost (red) areas. Leaflet takes [lat, lng]; the API's
// GeoJSON is [lon, lat], which L.geoJSON converts.

const isochroneColours: Record<number, string> = { 30: "#1a9850", 60: "#66bd63", 90: "#f46d43", 120: "#a50026" };

export interface LayerVisibility {
  heatmap: boolean;
  isochrones: boolean;
  gaps: boolean;
}

export class CoverageMapLayers {
  private heatmap: L.ImageOverlay | null = null;
  private readonly isochrones = L.layerGroup();
  private readonly gaps = L.layerGroup();
  private readonly difference = L.layerGroup();

  constructor(
    private readonly map: L.Map,
    private readonly label: (minutes: number) => string,
  ) {
    this.difference.addTo(map);
  }

  /** Replaces the drawn coverage with `coverage`. */
  showCoverage(coverage: CoverageResponse, visibility: LayerVisibility): void {
    this.heatmap?.remove();
    const [west, south, east, north] = coverage.grid.bbox;
    this.heatmap = L.imageOverlay(renderHeatmap(coverage.grid), [[south, west], [north, east]], {
      opacity: 0.75,
      className: "coverage-heatmap",
      interactive: false,
    });

    this.isochrones.clearLayers();
    for (const entry of coverage.union) {
      this.isochrones.addLayer(this.outline(entry, 2.5, undefined));
    }
    for (const group of coverage.groups) {
      const target = group.isochrones[group.isochrones.length - 1];
      if (target !== undefined) {
        this.isochrones.addLayer(this.outline(target, 1, "4 4"));
      }
    }

    this.gaps.clearLayers();
    this.gaps.addLayer(
      L.geoJSON(coverage.gaps.geometry, {
        style: { color: "#67001f", weight: 1, fillColor: "#67001f", fillOpacity: 0.35 },
        interactive: false,
      }),
    );
    this.setVisibility(visibility);
  }

  /** Draws a what-if's gained and lost areas over the coverage. */
  showDifference(scenario: ScenarioResponse): void {
    this.difference.clearLayers();
    this.difference.addLayer(
      L.geoJSON(scenario.difference.gained.geometry, {
        style: { color: "#00441b", weight: 1, fillColor: "#41ab5d", fillOpacity: 0.6 },
        interactive: false,
      }),
    );
    this.difference.addLayer(
      L.geoJSON(scenario.difference.lost.geometry, {
        style: { color: "#67000d", weight: 1, fillColor: "#ef3b2c", fillOpacity: 0.6 },
        interactive: false,
      }),
    );
  }

  clearDifference(): void {
    this.difference.clearLayers();
  }

  setVisibility(visibility: LayerVisibility): void {
    this.toggle(this.heatmap, visibility.heatmap);
    this.toggle(this.isochrones, visibility.isochrones);
    this.toggle(this.gaps, visibility.gaps);
  }

  remove(): void {
    this.heatmap?.remove();
    this.isochrones.remove();
    this.gaps.remove();
    this.difference.remove();
  }

  private toggle(layer: L.Layer | null, visible: boolean): void {
    if (layer === null) {
      return;
    }
    if (visible) {
      layer.addTo(this.map);
    } else {
      layer.remove();
    }
  }

  private outline(entry: ThresholdGeometry, weight: number, dashArray: string | undefined): L.GeoJSON {
    return L.geoJSON(entry.geometry, {
      style: { color: isochroneColours[entry.thresholdMin] ?? "#333", weight, dashArray, fill: false },
      onEachFeature: (_feature, layer) => layer.bindTooltip(this.label(entry.thresholdMin), { sticky: true }),
    });
  }
}
