import L from "leaflet";

import type { ApiClient } from "../core/api-client.js";
import { onLanguageChange } from "../core/i18n.js";
import { namesFor, popupOptions } from "./popup.js";
import { assetLayerSpecs, type AssetContext, type AssetLayerSpec } from "./catalog.js";

export interface LoadedLayer {
  spec: AssetLayerSpec;
  group: L.FeatureGroup;
  // Features drawn, or null while loading; error is set when loading failed.
  count: number | null;
  error: string | null;
}

// Builds one feature group per asset kind, each feature with its popup.
export function buildAssetLayer(spec: AssetLayerSpec, features: GeoJSON.Feature[], context: AssetContext): L.FeatureGroup {
  const group = L.featureGroup();

  for (const feature of features) {
    const layer = spec.createLayer(feature, context);
    const properties = feature.properties;
    layer.bindPopup(() => spec.popup(properties, context), popupOptions);
    (layer as L.Layer & { feature?: GeoJSON.Feature }).feature = feature;
    group.addLayer(layer);
  }
  return group;
}

// Fetches every asset kind in parallel; a failed kind is reported in its
// entry and does not stop the others.
export async function loadAssetLayers(api: ApiClient, context: AssetContext, prefetched: Map<string, GeoJSON.Feature[]>): Promise<LoadedLayer[]> {
  return Promise.all(
    assetLayerSpecs.map(async (spec): Promise<LoadedLayer> => {
      try {
        const features = prefetched.get(spec.path) ?? (await api.getAllFeatures<GeoJSON.GeoJsonProperties>(spec.path)).features;
        return { spec, group: buildAssetLayer(spec, features, context), count: features.length, error: null };
      } catch (error) {
        console.warn(`loading ${spec.path} failed`, error);
        return { spec, group: L.featureGroup(), count: null, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

// Keeps marker titles and any open popup in the current language.
export function refreshOnLanguageChange(layers: LoadedLayer[]): void {
  onLanguageChange(() => {
    for (const { group } of layers) {
      group.eachLayer((layer) => {
        const feature = (layer as L.Layer & { feature?: GeoJSON.Feature }).feature;
        if (layer instanceof L.Marker && feature?.properties) {
          const title = namesFor(feature.properties.nameZh, feature.properties.nameEn).title;
          layer.options.title = title;
          layer.getElement()?.setAttribute("title", title);
          layer.getElement()?.setAttribute("alt", title);
        }
        if (layer.isPopupOpen()) {
          layer.getPopup()?.update();
        }
      });
    }
  });
}
