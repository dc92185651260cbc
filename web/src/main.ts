import "leaflet/dist/leaflet.css";
import "./console.css";

import L from "leaflet";

import { ApiClient } from "./core/api-client.js";
import { initLanguage, onLanguageChange, t, translateDom } from "./core/i18n.js";
import { monthInChina } from "./core/format.js";
import { loadSettings, saveSettings, type Settings } from "./core/settings.js";
import { forgetToken, storedToken, storeToken, takeTokenFromFragment } from "./core/token.js";
import { loadAssetLayers, refreshOnLanguageChange } from "./assets/asset-layers.js";
import type { AssetContext } from "./assets/catalog.js";
import type { Aircraft, AircraftType, BaseProperties } from "./assets/types.js";
import { aircraftLegend } from "./live/legend.js";
import { AircraftLayer } from "./live/aircraft-layer.js";
import { LiveFeed } from "./live/feed.js";
import { drawBaseMap, type AdminAreaProperties, type BaseMap } from "./map/base-map.js";
import { useDefaultMarkerIcons } from "./map/default-icons.js";
import { createMap } from "./map/setup.js";
import { createTileLayer } from "./map/tile-layer.js";
import { FleetPanel } from "./ui/fleet-panel.js";
import { mountHeader } from "./ui/header.js";
import { LayerPanel } from "./ui/layer-panel.js";
import { openSettings } from "./ui/settings-dialog.js";
import { askForToken } from "./ui/sign-in.js";
import { StatusBar } from "./ui/status-bar.js";

async function obtainToken(): Promise<string> {
  const token = takeTokenFromFragment(window.location, window.history) ?? storedToken();
  if (token) {
    return token;
  }
  const entered = await askForToken();
  storeToken(entered);
  return entered;
}

// The live feed's address: /ws beside the console, with the token as a
// query parameter because browsers cannot set headers on a WebSocket.
// NOTE: the API has no /ws yet; the token parameter is our assumption of how
// it will authenticate, so check it when the endpoint lands.
function liveFeedUrl(token: string): string {
  const url = new URL("ws", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("token", token);
  return url.toString();
}

function mapBbox(map: L.Map): [number, number, number, number] {
  const bounds = map.getBounds();
  return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map((v) => Math.round(v * 1e4) / 1e4) as [number, number, number, number];
}

async function main(): Promise<void> {
  initLanguage();
  translateDom(document.body);
  document.title = t("app.title");
  useDefaultMarkerIcons();

  let settings: Settings = loadSettings();
  let mapRef: L.Map | null = null;
  const shell = document.getElementById("shell")!;
  const fleetPanel = new FleetPanel(shell, (aircraft) => showAircraft(aircraft));

  mountHeader(document.getElementById("header")!, {
    onFleet: () => {
      fleetPanel.toggle();
      // The panel takes width from the map, which must measure itself again.
      mapRef?.invalidateSize();
    },
    onSettings: () => openSettings(settings, applySettings),
    onSignOut: () => {
      forgetToken();
      window.location.reload();
    },
  });
  const statusBar = new StatusBar(document.getElementById("status-bar")!);

  const token = await obtainToken();
  const api = new ApiClient(token);
  api.handleUnauthorized(() => {
    forgetToken();
    window.location.reload();
  });

  const map = createMap(document.getElementById("map")!);
  mapRef = map;
  map.attributionControl.addAttribution(`<span data-i18n="attribution.base">${t("attribution.base")}</span>`);
  onLanguageChange(() => translateDom(map.getContainer()));

  // Raster tiles (optional, off by default) under the offline base map.
  let tileLayer: L.TileLayer | null = null;
  let baseMap: BaseMap | null = null;
  function applyTiles(): void {
    tileLayer?.remove();
    tileLayer = createTileLayer(settings.tiles);
    tileLayer?.addTo(map);
    baseMap?.setRasterShown(tileLayer !== null);
  }

  const aircraftLayer = new AircraftLayer();
  function applySettings(next: Settings): void {
    settings = next;
    saveSettings(next);
    applyTiles();
    aircraftLayer.setFleetOnly(next.fleetOnly);
    feed.subscribe({ bbox: mapBbox(map), fleetOnly: next.fleetOnly });
  }

  const panel = new LayerPanel();
  panel.addTo(map);

  const [areas, bases, aircraft, types] = await Promise.all([
    api.get<GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, AdminAreaProperties>>("/admin-areas"),
    api.getAllFeatures<BaseProperties>("/bases"),
    api.getAllItems<Aircraft>("/aircraft").catch((error: Error) => error),
    api.getAllItems<AircraftType>("/aircraft-types").catch((error: Error) => error),
  ]);

  baseMap = drawBaseMap(map, areas.features);
  applyTiles();

  const context: AssetContext = {
    basesById: new Map(bases.features.map((f) => [f.properties.id, f.properties])),
    aircraft: aircraft instanceof Error ? [] : aircraft,
    typesById: new Map((types instanceof Error ? [] : types).map((type) => [type.id, type])),
    month: monthInChina(new Date()),
  };
  fleetPanel.setData({ ...context, error: aircraft instanceof Error ? aircraft.message : null });

  const layers = await loadAssetLayers(api, context, new Map([["/bases", bases.features]]));
  for (const loaded of layers) {
    panel.addOverlay({
      id: loaded.spec.id,
      titleKey: loaded.spec.titleKey,
      layer: loaded.group,
      legend: loaded.spec.legend(),
      count: () => loaded.count,
      error: () => loaded.error,
      visible: true,
    });
  }
  refreshOnLanguageChange(layers);
  baseMap.layout();

  panel.addOverlay({
    id: "liveAircraft",
    titleKey: "layers.liveAircraft",
    layer: aircraftLayer.group,
    legend: aircraftLegend(),
    count: () => aircraftLayer.counts().total,
    error: () => null,
    visible: true,
  });
  aircraftLayer.setFleetOnly(settings.fleetOnly);
  aircraftLayer.attach(map);

  const feed = new LiveFeed(
    () => liveFeedUrl(token),
    (frame) => aircraftLayer.apply(frame),
    (state) => statusBar.setFeedState(state),
  );
  aircraftLayer.onChange(() => {
    statusBar.setCounts(aircraftLayer.counts());
    panel.refreshCounts();
  });
  feed.subscribe({ bbox: mapBbox(map), fleetOnly: settings.fleetOnly });
  map.on("moveend", () => feed.subscribe({ bbox: mapBbox(map), fleetOnly: settings.fleetOnly }));
  feed.start();

  // Shows an aircraft picked in the fleet list: its live track if it has
  // one, else its home base.
  function showAircraft(picked: Aircraft): void {
    const live = aircraftLayer.find((track) => track.icaoAddress === picked.icaoAddress || track.registration === picked.registration);
    if (live) {
      map.setView(live.marker.getLatLng(), Math.max(map.getZoom(), 9));
      live.marker.openPopup();
      return;
    }

    const basesLayer = layers.find((l) => l.spec.id === "bases");
    basesLayer?.group.eachLayer((layer) => {
      const feature = (layer as L.Layer & { feature?: GeoJSON.Feature<GeoJSON.Point, BaseProperties> }).feature;
      if (feature?.properties.id === picked.homeBaseId && layer instanceof L.Marker) {
        map.setView(layer.getLatLng(), Math.max(map.getZoom(), 9));
        layer.openPopup();
      }
    });
  }

  document.body.dataset.ready = "true";
}

main().catch((error: unknown) => {
  console.error("the console failed to start", error);
  const banner = document.getElementById("fatal")!;
  banner.textContent = error instanceof Error ? error.message : String(error);
  banner.hidden = false;
});
