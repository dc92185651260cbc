import L from "leaflet";

import { escapeHtml } from "../core/dom.js";
import { aircraftGlyph } from "../live/icons.js";
import { positionAt, type ReplayTrack } from "./position.js";

// The replayed aircraft: one marker per track, placed where the aircraft
// was at the replay time and hidden while it has no position then.
export class ReplayLayer {
  readonly group = L.layerGroup([], { pane: "aircraft" });
  private markers = new Map<string, { track: ReplayTrack; marker: L.Marker }>();

  setTracks(tracks: ReplayTrack[]): void {
    this.group.clearLayers();
    this.markers = new Map(
      tracks.map((track) => {
        const html = `${aircraftGlyph(null)}<span class="replay-label">${escapeHtml(track.label)}</span>`;
        const icon = L.divIcon({ className: "replay-aircraft", html, iconSize: [24, 24], iconAnchor: [12, 12] });
        const marker = L.marker([0, 0], { icon, pane: "aircraft", title: track.label, keyboard: false });
        return [track.icaoAddress, { track, marker }];
      }),
    );
  }

  // Moves every marker to its position at timeMs. Each marker element
  // carries data-icao and data-lon-lat so that tests can read where it is.
  showAt(timeMs: number): void {
    for (const [icao, { track, marker }] of this.markers) {
      const lonLat = positionAt(track, timeMs);
      if (!lonLat) {
        this.group.removeLayer(marker);
        continue;
      }
      marker.setLatLng([lonLat[1], lonLat[0]]);
      this.group.addLayer(marker);
      const element = marker.getElement();
      element?.setAttribute("data-icao", icao);
      element?.setAttribute("data-lon-lat", `${lonLat[0].toFixed(6)},${lonLat[1].toFixed(6)}`);
    }
  }
}
