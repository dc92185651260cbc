import L from "leaflet";

import { buildAssetLayer, type LoadedLayer } from "../assets/asset-layers.js";
import type { AssetContext } from "../assets/catalog.js";
import type { BaseProperties } from "../assets/types.js";
import type { ApiClient } from "../core/api-client.js";

// Returns the features drawn in an asset layer, as the API sent them.
export function featuresOf(loaded: LoadedLayer): GeoJSON.Feature[] {
  const features: GeoJSON.Feature[] = [];
  loaded.group.eachLayer((layer) => {
    const feature = (layer as L.Layer & { feature?: GeoJSON.Feature }).feature;
    if (feature) {
      features.push(feature);
    }
  });
  return features;
}

export function layerOf(loaded: LoadedLayer, id: number): L.Layer | undefined {
  let found: L.Layer | undefined;
  loaded.group.eachLayer((layer) => {
    const feature = (layer as L.Layer & { feature?: GeoJSON.Feature }).feature;
    if (feature?.properties?.id === id) {
      found = layer;
    }
  });
  return found;
}

// Fetches one kind again after a write and redraws it in the same feature
// group, which the layer panel keeps showing and counting.
export async function reloadLayer(api: ApiClient, loaded: LoadedLayer, context: AssetContext): Promise<void> {
  const { features } = await api.getAllFeatures<GeoJSON.GeoJsonProperties>(loaded.spec.path);
  if (loaded.spec.id === "bases") {
    context.basesById = new Map(features.map((feature) => [feature.properties!.id as number, feature.properties as unknown as BaseProperties]));
  }

  const rebuilt = buildAssetLayer(loaded.spec, features, context);
  loaded.group.clearLayers();
  rebuilt.eachLayer((layer) => loaded.group.addLayer(layer));
  loaded.count = features.length;
  loaded.error = null;
}

// Zoom at which a picked point is shown.
const pointZoom = 11;

export function zoomToFeature(map: L.Map, feature: GeoJSON.Feature): void {
  if (feature.geometry.type === "Point") {
    const [lon, lat] = feature.geometry.coordinates as [number, number];
    map.setView([lat, lon], Math.max(map.getZoom(), pointZoom));
    return;
  }
  map.fitBounds(L.geoJSON(feature).getBounds(), { maxZoom: pointZoom, padding: [24, 24] });
}
