import L from "leaflet";

import { ApiClient, type ApiError } from "./core/api-client.js";
import { setPrincipal, type Principal } from "./core/capabilities.js";
import { monthInChina } from "./core/format.js";
import { currentLanguage, onLanguageChange, t, translateDom } from "./core/i18n.js";
import { loadSettings, saveSettings, type Settings } from "./core/settings.js";
import { fetchPrincipal, signOut } from "./core/session.js";
import { loadAssetLayers, refreshOnLanguageChange, reloadAssetLayer, type LoadedLayer } from "./assets/asset-layers.js";
import type { AssetContext } from "./assets/catalog.js";
import type { Aircraft, AircraftType, BaseProperties } from "./assets/types.js";
import { AircraftLayer } from "./live/aircraft-layer.js";
import { activeMissionLoader } from "./live/active-mission.js";
import { fleetDetailRows } from "./live/fleet-details.js";
import { LiveFeed } from "./live/feed.js";
import { OptionalPanels } from "./optional-panels.js";
import { mountAdmin, type AdminScreen } from "./admin/index.js";
import { AlertWatch, IncidentLayer, type AlertFrameMessage } from "./dispatch/index.js";
import { mountPlanning } from "./planning/index.js";
import { mountReplay } from "./replay/index.js";
import { aircraftLegend } from "./live/legend.js";
import { drawBaseMap, type AdminAreaProperties, type BaseMap } from "./map/base-map.js";
import { createMap } from "./map/setup.js";
import { createTileLayer } from "./map/tile-layer.js";
import { FleetPanel } from "./ui/fleet-panel.js";
import { cityName, MutualAidPanel, type City } from "./mutual-aid/index.js";
import { LayerPanel } from "./ui/layer-panel.js";
import { openSettings } from "./ui/settings-dialog.js";
import { FeedHealth } from "./ui/feed-health.js";
import { installTransferPanel, trackDownloadButton, type TransferKind } from "./transfer/index.js";
import { StatusBar } from "./ui/status-bar.js";

type AdminAreas = GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, AdminAreaProperties>;

// Zoom at which a picked aircraft or base is shown.
const focusZoom = 9;

// The live feed's address: /ws beside the console, with the token as a
// query parameter because browsers cannot set headers on a WebSocket (the
// hub in tracking/live reads it from there).
function liveFeedUrl(token: string): string {
  const url = new URL("ws", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("token", token);
  return url.toString();
}

// The visible area as [minLon, minLat, maxLon, maxLat], rounded to 1e-4
// degrees (about 10 m) so that tiny moves send the same subscription.
function mapBbox(map: L.Map): [number, number, number, number] {
  const bounds = map.getBounds();
  const corners = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
  return corners.map((degrees) => Math.round(degrees * 1e4) / 1e4) as [number, number, number, number];
}

// Shows a message above the map, and the console keeps working under it.
export function showNotice(text: string): void {
  const banner = document.getElementById("notice")!;
  banner.textContent = text;
  banner.hidden = false;
}

// A rejected token is forgotten and the reload shows the sign-in dialog,
// which says so when the session has expired.
function signInAgain(token: string, error: ApiError): void {
  void signOut(token, error.code === "session_expired" ? "session_expired" : null);
}

// The console once signed in: the map, its panels, the asset layers and the
// live feed, and the settings that change them.
export class ConsoleApp {
  private settings: Settings = loadSettings();
  private readonly api: ApiClient;
  private readonly map: L.Map;
  private readonly statusBar: StatusBar;
  private readonly fleetPanel: FleetPanel;
  private readonly layerPanel = new LayerPanel();
  private readonly aircraftLayer = new AircraftLayer();
  private readonly feed: LiveFeed;
  private baseMap: BaseMap | null = null;
  private tileLayer: L.TileLayer | null = null;
  private assetLayers: LoadedLayer[] = [];
  private assetContext: AssetContext | null = null;
  private readonly optionalPanels: OptionalPanels;
  private readonly mutualAidPanel: MutualAidPanel;
  private cities: City[] = [];
  private adminScreen: AdminScreen | null = null;

  // onAdminClosed runs when the user and token screen closes itself.
  constructor(
    private readonly token: string,
    private readonly onAdminClosed: () => void = () => {},
  ) {
    this.api = new ApiClient(token);
    this.api.handleUnauthorized((error) => signInAgain(token, error));

    this.map = createMap(document.getElementById("map")!);
    this.map.attributionControl.addAttribution(`<span data-i18n="attribution.base">${t("attribution.base")}</span>`);
    onLanguageChange(() => translateDom(this.map.getContainer()));
    this.layerPanel.addTo(this.map);

    this.fleetPanel = new FleetPanel(document.getElementById("shell")!, (aircraft) => this.showAircraft(aircraft));
    this.statusBar = new StatusBar(document.getElementById("status-bar")!, new FeedHealth(this.api));

    // The console's one connection to /ws: the panels take their frames from it.
    this.feed = new LiveFeed(
      () => liveFeedUrl(this.token),
      (frame) => this.aircraftLayer.apply(frame),
      (state) => this.statusBar.setFeedState(state),
    );
    this.mutualAidPanel = new MutualAidPanel(document.getElementById("shell")!, this.api, () => this.cities, this.feed);

    // Opening the coverage or dispatch panel folds the layer panel's legend
    // away to leave the map room (the dispatch panel shares its column).
    this.optionalPanels = new OptionalPanels(this.map, token, this.feed, () => this.layerPanel.setCollapsed(true));
  }

  // Reads who signed in first, because the panels build write controls only
  // for roles that may use them. Returns that principal.
  async start(): Promise<Principal> {
    const principal = await fetchPrincipal(this.api);
    setPrincipal(principal);
    this.cities = (await this.api.get<{ items: City[] }>("/cities").catch(() => ({ items: [] }))).items;

    const [areas, bases, aircraft, types] = await Promise.all([
      this.api.get<AdminAreas>("/admin-areas").catch((error: Error) => error),
      this.api.getAllFeatures<BaseProperties>("/bases"),
      this.api.getAllItems<Aircraft>("/aircraft").catch((error: Error) => error),
      this.api.getAllItems<AircraftType>("/aircraft-types").catch((error: Error) => error),
    ]);

    // Without boundaries the base map still draws the bundled river, lake
    // and airports, and the console goes on with a notice.
    if (areas instanceof Error) {
      console.warn("loading /admin-areas failed", areas);
      showNotice(t("error.load", { layer: t("layers.baseMap"), message: areas.message }));
    }
    this.baseMap = drawBaseMap(this.map, areas instanceof Error ? [] : areas.features);
    this.applyTiles();

    const context: AssetContext = {
      basesById: new Map(bases.features.map((feature) => [feature.properties.id, feature.properties])),
      aircraft: aircraft instanceof Error ? [] : aircraft,
      typesById: new Map((types instanceof Error ? [] : types).map((type) => [type.id, type])),
      month: monthInChina(new Date()),
    };
    this.fleetPanel.setData({ ...context, error: aircraft instanceof Error ? aircraft.message : null });
    this.aircraftLayer.setFleetDetails((track) => fleetDetailRows(context, track.icaoAddress));
    this.aircraftLayer.setMissionLoader(activeMissionLoader(this.api, context));
    this.aircraftLayer.setHistoryLoader(async (icaoAddress) => {
      // The last hour of stored positions, with a minute of slack for
      // receivers whose clocks run a little ahead.
      const nowMs = Date.now();
      const window = { from: new Date(nowMs - 3_600_000).toISOString(), to: new Date(nowMs + 60_000).toISOString() };
      const track = await this.api.get<{ geometry: { coordinates: number[][] } }>(`/tracks/${icaoAddress}`, window);
      return track.geometry.coordinates.map((point) => [point[0]!, point[1]!] as [number, number]);
    });

    await this.addAssetLayers(context, bases.features);
    mountPlanning({ map: this.map, token: this.token, shell: document.getElementById("shell")!, layers: this.assetLayers, context, onCountsChange: () => this.layerPanel.refreshCounts() });
    this.startLiveFeed();
    this.showIncidents();
    this.watchAlerts();
    mountReplay({ map: this.map, token: this.token, pauseLive: () => this.pauseLive(), resumeLive: () => this.resumeLive() });
    this.installTransfer();
    return principal;
  }

  cityName(code: string): string {
    return cityName(this.cities, code);
  }

  private async addAssetLayers(context: AssetContext, bases: GeoJSON.Feature[]): Promise<void> {
    this.assetContext = context;
    this.assetLayers = await loadAssetLayers(this.api, context, new Map([["/bases", bases]]));

    for (const loaded of this.assetLayers) {
      this.layerPanel.addOverlay({
        id: loaded.spec.id,
        titleKey: loaded.spec.titleKey,
        layer: loaded.group,
        legend: loaded.spec.legend(),
        count: () => loaded.count,
        countKey: "layers.count",
        error: () => loaded.error,
        visible: true,
      });
    }
    refreshOnLanguageChange(this.assetLayers);

    // Labels give way to the markers, which exist only now.
    this.baseMap?.layout();
  }

  // Open incidents stay on the map whether or not the dispatch panel is open.
  private showIncidents(): void {
    const incidents = new IncidentLayer({ token: this.token, language: currentLanguage, apiBase: "api/v1" });
    incidents.start(this.map);
    onLanguageChange(() => incidents.render());
  }

  // Open alerts show as a badge, a banner and a marked aircraft with the dispatch panel closed too.
  // NOTE: a replay stops the live feed, so new alerts show only when it resumes and reconnects.
  private watchAlerts(): void {
    const watch = new AlertWatch({
      token: this.token,
      language: currentLanguage,
      apiBase: "api/v1",
      bannerParent: this.map.getContainer(),
      badgeAnchor: document.querySelector<HTMLElement>("[data-testid=open-dispatch]"),
      onAlertingChange: (icaoAddresses) => this.aircraftLayer.setAlerting(icaoAddresses),
    });
    watch.start();
    this.feed.onMessage<AlertFrameMessage>("alert", (frame) => watch.apply(frame));
    this.feed.onMessage<{ type: "mission"; mission: { icaoAddress: string | null } }>("mission", (frame) => this.aircraftLayer.missionChanged(frame.mission.icaoAddress));
    // A (re)connected feed may have missed alert frames, so the open alerts are read again.
    this.feed.onConnect(() => void watch.load());
    onLanguageChange(() => watch.render());
  }

  // The import and export panel, and a track download in aircraft popups.
  private installTransfer(): void {
    installTransferPanel(this.map, { token: this.token, apiBase: "api/v1", onImported: (kind) => void this.reloadLayer(kind) });
    this.aircraftLayer.setPopupFooter((track) => trackDownloadButton("api/v1", this.token, track.icaoAddress));
  }

  // Redraws one asset layer after an import and updates its count.
  private async reloadLayer(kind: TransferKind): Promise<void> {
    const loaded = this.assetLayers.find((candidate) => candidate.spec.id === kind.layerId);
    if (!loaded || !this.assetContext) {
      return;
    }
    let features: GeoJSON.Feature[];
    try {
      features = await reloadAssetLayer(this.api, loaded, this.assetContext);
    } catch (error) {
      console.warn(`reloading ${kind.path} after an import failed`, error);
      showNotice(t("error.load", { layer: t(kind.titleKey), message: error instanceof Error ? error.message : String(error) }));
      return;
    }

    // Route popups name their home base from this map.
    if (kind.layerId === "bases") {
      const bases = features as Array<GeoJSON.Feature<GeoJSON.Point, BaseProperties>>;
      this.assetContext.basesById = new Map(bases.map((feature) => [feature.properties.id, feature.properties]));
    }
    this.layerPanel.render();
    this.baseMap?.layout();
  }

  private startLiveFeed(): void {
    this.layerPanel.addOverlay({
      id: "liveAircraft",
      titleKey: "layers.liveAircraft",
      layer: this.aircraftLayer.group,
      legend: aircraftLegend(),
      count: () => this.aircraftLayer.counts().total,
      countKey: "layers.aircraftCount",
      error: () => null,
      visible: true,
    });
    this.aircraftLayer.setFleetOnly(this.settings.fleetOnly);
    this.aircraftLayer.attach(this.map);
    this.aircraftLayer.onChange(() => {
      this.statusBar.setCounts(this.aircraftLayer.counts());
      this.layerPanel.refreshCounts();
    });

    this.subscribe();
    this.map.on("moveend", () => this.subscribe());
    this.feed.start();
  }

  // Replay shows stored history in place of the live aircraft.
  private pauseLive(): void {
    this.feed.stop();
    this.aircraftLayer.group.remove();
  }

  private resumeLive(): void {
    this.aircraftLayer.group.addTo(this.map);
    this.feed.start();
  }

  private subscribe(): void {
    this.feed.subscribe({ bbox: mapBbox(this.map), fleetOnly: this.settings.fleetOnly });
  }

  // Raster tiles (optional, off by default) go under the offline base map.
  private applyTiles(): void {
    this.tileLayer?.remove();
    this.tileLayer = createTileLayer(this.settings.tiles);
    this.tileLayer?.addTo(this.map);
    this.baseMap?.setRasterShown(this.tileLayer !== null);
  }

  private applySettings(next: Settings): void {
    this.settings = next;
    saveSettings(next);
    this.applyTiles();
    this.aircraftLayer.setFleetOnly(next.fleetOnly);
    this.subscribe();
  }

  openSettings(): void {
    openSettings(this.settings, (next) => this.applySettings(next));
  }

  toggleCoverage(): boolean {
    return this.optionalPanels.toggleCoverage();
  }

  toggleDispatch(): boolean {
    return this.optionalPanels.toggleDispatch();
  }

  toggleMutualAid(): boolean {
    return this.mutualAidPanel.toggle();
  }

  // The user and token screen, built on first use; false for roles without admin.manage.
  toggleAdmin(): boolean {
    this.adminScreen ??= mountAdmin({
      container: document.getElementById("shell")!,
      api: this.api,
      token: this.token,
      onUnauthorized: (error) => signInAgain(this.token, error),
      cityCodes: () => this.cities.map((city) => city.code),
      cityName: (code) => this.cityName(code),
      onClose: this.onAdminClosed,
    });
    return this.adminScreen?.toggle() ?? false;
  }

  toggleFleet(): void {
    this.fleetPanel.toggle();
    // The panel takes width from the map, which must measure itself again.
    this.map.invalidateSize();
  }

  // Shows an aircraft picked in the fleet list: its live track if it has
  // one, else its home base.
  private showAircraft(picked: Aircraft): void {
    const live = this.aircraftLayer.find((track) => track.icaoAddress === picked.icaoAddress || track.registration === picked.registration);
    if (live) {
      this.map.setView(live.marker.getLatLng(), Math.max(this.map.getZoom(), focusZoom));
      live.marker.openPopup();
      return;
    }

    const bases = this.assetLayers.find((loaded) => loaded.spec.id === "bases");
    bases?.group.eachLayer((layer) => {
      const feature = (layer as L.Layer & { feature?: GeoJSON.Feature<GeoJSON.Point, BaseProperties> }).feature;
      if (feature?.properties.id === picked.homeBaseId && layer instanceof L.Marker) {
        this.map.setView(layer.getLatLng(), Math.max(this.map.getZoom(), focusZoom));
        layer.openPopup();
      }
    });
  }
}
