import L from "leaflet";

import { element } from "../core/dom.js";
import { formatNumber } from "../core/format.js";
import { onLanguageChange, t } from "../core/i18n.js";
import { popupOptions, type PopupRow } from "../assets/popup.js";
import type { MissionLoader } from "./active-mission.js";
import { AircraftPopupView, type MissionLookup, type PopupSources } from "./aircraft-popup.js";
import { aircraftGlyph } from "./icons.js";
import { declutterLabels } from "./declutter.js";
import { displayName, type LiveFrame, type Track } from "./track.js";
import { createTrailPane, Trail } from "./trail.js";

// Aircraft popups are taller than asset popups, since they add the mission
// lines and the track download button.
const aircraftPopupOptions: L.PopupOptions = { ...popupOptions, maxHeight: 480 };

interface Drawn {
  track: Track;
  marker: L.Marker;
  trail: Trail;
  // The content of the marker's popup while it is open.
  popup: AircraftPopupView | null;
}

// The time of a track's position in UTC epoch ms, or now when the frame has none.
function positionTimeMs(track: Track): number {
  const text = (track as { positionTime?: string | null }).positionTime;
  return text ? Date.parse(text) : Date.now();
}

// Live aircraft as divIcon markers in their own pane, each with its trail. A marker is built once
// per aircraft; later updates move it and change its rotation, label and
// classes in place, which keeps 500 aircraft cheap (no DOM rebuilt per frame).
export class AircraftLayer {
  readonly group = L.layerGroup([], { pane: "aircraft" });
  private readonly drawn = new Map<string, Drawn>();
  private fleetOnly = false;
  private readonly listeners = new Set<() => void>();
  private declutterTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly popupSources: PopupSources = { fleetDetails: () => [], footer: null, loadMission: null, missionCache: new Map<string, MissionLookup>() };
  private historyLoader: ((icaoAddress: string) => Promise<Array<[number, number]>>) | null = null;
  // The stored track of the aircraft whose popup is open.
  private history: L.Polyline | null = null;
  // ICAO addresses of aircraft with an open flight-following alert.
  private alerting = new Set<string>();

  constructor() {
    onLanguageChange(() => {
      for (const entry of this.drawn.values()) {
        this.update(entry);
        if (entry.popup) {
          entry.popup.renderAll();
          entry.marker.getPopup()?.update();
        }
      }
    });
  }

  // Hides overlapping labels again after every map move.
  attach(map: L.Map): void {
    createTrailPane(map);
    map.on("zoomend moveend", () => this.scheduleDeclutter());
  }

  apply(frame: LiveFrame): void {
    if (frame.type === "snapshot") {
      const keep = new Set(frame.aircraft.map((track) => track.icaoAddress));
      for (const icao of [...this.drawn.keys()]) {
        if (!keep.has(icao)) {
          this.remove(icao);
        }
      }
    } else {
      for (const icao of frame.removed) {
        this.remove(icao);
      }
    }

    for (const track of frame.aircraft) {
      this.upsert(track);
    }
    this.listeners.forEach((listener) => listener());
    this.scheduleDeclutter();
  }

  // Runs the label declutter at most every 250 ms, however often frames come.
  private scheduleDeclutter(): void {
    if (this.declutterTimer) {
      return;
    }
    this.declutterTimer = setTimeout(() => {
      this.declutterTimer = null;
      const shown = [...this.drawn.values()].filter((entry) => this.group.hasLayer(entry.marker));
      declutterLabels(shown.map((entry) => ({ element: entry.marker.getElement(), fleet: entry.track.fleet })));
    }, 250);
  }

  setFleetOnly(fleetOnly: boolean): void {
    this.fleetOnly = fleetOnly;
    for (const entry of this.drawn.values()) {
      this.place(entry);
    }
    this.listeners.forEach((listener) => listener());
  }

  // Sets what every aircraft popup shows under its fields, such as a
  // track download button. The footer is built when the popup opens and
  // again after a language switch.
  setPopupFooter(render: (track: Track) => Node): void {
    this.popupSources.footer = render;
  }

  // Sets the registry rows (type, home base, status) a fleet aircraft's popup shows.
  setFleetDetails(rows: (track: Track) => PopupRow[]): void {
    this.popupSources.fleetDetails = rows;
  }

  // Makes an open popup of this aircraft read its mission again, after a
  // mission frame reports a change.
  missionChanged(icaoAddress: string | null): void {
    if (icaoAddress) {
      this.drawn.get(icaoAddress.toUpperCase())?.popup?.missionChanged();
    }
  }

  // Sets how a fleet aircraft's popup looks up its active mission.
  setMissionLoader(load: MissionLoader): void {
    this.popupSources.loadMission = load;
  }

  // Sets how an opened popup loads the aircraft's stored track, as [lon, lat] points.
  setHistoryLoader(load: (icaoAddress: string) => Promise<Array<[number, number]>>): void {
    this.historyLoader = load;
  }

  // Draws the stored track of the aircraft whose popup opened; a failed
  // load leaves the map as it was, since the live trail is still there.
  private async showHistory(icaoAddress: string): Promise<void> {
    this.hideHistory();
    if (!this.historyLoader) {
      return;
    }
    try {
      const lonLats = await this.historyLoader(icaoAddress);
      const entry = this.drawn.get(icaoAddress);
      if (!entry?.marker.isPopupOpen() || lonLats.length < 2) {
        return;
      }
      this.history = L.polyline(
        lonLats.map(([lon, lat]) => [lat, lon] as L.LatLngTuple),
        { pane: "trails", interactive: false, color: "#1565c0", weight: 3, opacity: 0.8, dashArray: "6 4", className: "aircraft-history" },
      );
      this.group.addLayer(this.history);
    } catch (error) {
      console.warn(`loading the track of ${icaoAddress} failed`, error);
    }
  }

  private hideHistory(): void {
    if (this.history) {
      this.group.removeLayer(this.history);
      this.history = null;
    }
  }

  // Marks the aircraft with an open alert with the ac-alerting class.
  setAlerting(icaoAddresses: Set<string>): void {
    this.alerting = icaoAddresses;
    for (const entry of this.drawn.values()) {
      this.update(entry);
    }
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  // Counts the drawn aircraft: those the feed sends for the visible box.
  counts(): { total: number; fleet: number } {
    let total = 0;
    let fleet = 0;
    for (const { track } of this.drawn.values()) {
      if (this.fleetOnly && !track.fleet) {
        continue;
      }
      total += 1;
      fleet += track.fleet ? 1 : 0;
    }
    return { total, fleet };
  }

  find(predicate: (track: Track) => boolean): Drawn | undefined {
    return [...this.drawn.values()].find((entry) => predicate(entry.track));
  }

  private upsert(track: Track): void {
    const existing = this.drawn.get(track.icaoAddress);
    if (existing) {
      existing.track = track;
      existing.marker.setLatLng([track.lonLat[1], track.lonLat[0]]);
      existing.trail.add(track.lonLat, positionTimeMs(track));
      existing.marker.getElement()?.setAttribute("data-trail-points", String(existing.trail.length));
      this.update(existing);
      this.place(existing);
      // An open popup shows the newest altitude, speed and time too.
      existing.popup?.setTrack(track);
      return;
    }

    const marker = L.marker([track.lonLat[1], track.lonLat[0]], {
      pane: "aircraft",
      icon: L.divIcon({ className: "aircraft-marker", html: markerHtml(track, this.alerting.has(track.icaoAddress)), iconSize: [24, 24], iconAnchor: [12, 12] }),
      keyboard: false,
    });
    const trail = new Trail(track.fleet);
    trail.add(track.lonLat, positionTimeMs(track));
    const entry: Drawn = { track, marker, trail, popup: null };
    marker.bindPopup(() => this.popupContent(entry), aircraftPopupOptions);
    marker.on("popupopen", () => {
      entry.popup?.start();
      void this.showHistory(entry.track.icaoAddress);
    });
    marker.on("popupclose", () => {
      entry.popup?.stop();
      entry.popup = null;
      this.hideHistory();
    });
    marker.on("add", () => this.update(entry));
    this.drawn.set(track.icaoAddress, entry);
    this.place(entry);
  }

  // Adds or removes the marker according to the fleet-only filter.
  private place(entry: Drawn): void {
    const shown = !this.fleetOnly || entry.track.fleet;
    if (shown && !this.group.hasLayer(entry.marker)) {
      this.group.addLayer(entry.trail.line);
      this.group.addLayer(entry.marker);
    } else if (!shown && this.group.hasLayer(entry.marker)) {
      this.group.removeLayer(entry.marker);
      this.group.removeLayer(entry.trail.line);
    }
  }

  private remove(icao: string): void {
    const entry = this.drawn.get(icao);
    if (!entry) {
      return;
    }
    this.group.removeLayer(entry.marker);
    this.group.removeLayer(entry.trail.line);
    this.drawn.delete(icao);
  }

  // Leaflet calls this for the content when the popup opens and again on
  // each popup update(), which must get the same view back, not a new one.
  private popupContent(entry: Drawn): HTMLElement {
    entry.popup ??= new AircraftPopupView(entry.track, this.popupSources, () => entry.marker.getPopup()?.update());
    return entry.popup.root;
  }

  // Brings an existing marker's element up to date with its track.
  private update(entry: Drawn): void {
    const root = entry.marker.getElement()?.firstElementChild as HTMLElement | null | undefined;
    if (!root) {
      return;
    }
    const { track } = entry;
    root.className = trackClasses(track, this.alerting.has(track.icaoAddress));
    root.dataset.icao = track.icaoAddress;
    (root.querySelector(".ac-glyph") as HTMLElement).style.transform = `rotate(${track.trackDeg ?? 0}deg)`;
    (root.querySelector(".ac-name") as HTMLElement).textContent = displayName(track);
    (root.querySelector(".ac-data") as HTMLElement).textContent = altitudeAndSpeed(track);
  }
}

function trackClasses(track: Track, alerting: boolean): string {
  const classes = ["ac", track.fleet ? "ac-fleet" : "ac-traffic", `ac-${track.category ?? "unknown"}`, track.stale ? "ac-stale" : "", alerting ? "ac-alerting" : ""];
  return classes.filter((name) => name !== "").join(" ");
}

function altitudeAndSpeed(track: Track): string {
  const alt = track.altitudeM === null ? "—" : formatNumber(track.altitudeM);
  const speed = track.groundSpeedKmh === null ? "—" : formatNumber(track.groundSpeedKmh);
  return t("live.altSpeed", { alt, speed });
}

function markerHtml(track: Track, alerting: boolean): string {
  const root = element("div", { class: trackClasses(track, alerting), "data-icao": track.icaoAddress }, [
    element("span", { class: "ac-glyph", style: `transform: rotate(${track.trackDeg ?? 0}deg)` }),
    element("span", { class: "ac-label" }, [
      element("span", { class: "ac-name" }, [displayName(track)]),
      element("span", { class: "ac-data" }, [altitudeAndSpeed(track)]),
    ]),
  ]);
  (root.firstElementChild as HTMLElement).innerHTML = aircraftGlyph(track.category);
  return root.outerHTML;
}
