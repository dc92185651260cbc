import L from "leaflet";

import type { ApiClient } from "../core/api-client.js";
import { onLanguageChange } from "../core/i18n.js";
import { namesFor, popupOptions, withHistoryButton } from "./popup.js";
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
  return addFeatures(L.featureGroup(), spec, features, context);
}

function addFeatures(group: L.FeatureGroup, spec: AssetLayerSpec, features: GeoJSON.Feature[], context: AssetContext): L.FeatureGroup {
  for (const feature of features) {
    const layer = spec.createLayer(feature, context);
    const properties = feature.properties;
    layer.bindPopup(() => withHistoryButton(spec.popup(properties, context), spec.path, feature), popupOptions);
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

// Fetches one kind again and redraws it in the same group, so that the
// layer panel's checkbox and count keep pointing at it. Raises the API's
// error and leaves the group as it was when the fetch fails. Returns the
// features drawn.
export async function reloadAssetLayer(api: ApiClient, loaded: LoadedLayer, context: AssetContext): Promise<GeoJSON.Feature[]> {
  const features = (await api.getAllFeatures<GeoJSON.GeoJsonProperties>(loaded.spec.path)).features;
  loaded.group.clearLayers();
  addFeatures(loaded.group, loaded.spec, features, context);
  loaded.count = features.length;
  loaded.error = null;
  return features;
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
