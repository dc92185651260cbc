import L from "leaflet";

import { DispatchApi } from "./api.js";
import { translate, type DispatchLanguage, type DispatchMessageKey } from "./i18n.js";
import type { IncidentView } from "./types.js";

// How often the open incidents are read again, so that one created at
// another workstation appears within this time.
const REFRESH_MS = 15_000;

export interface IncidentLayerOptions {
  token: string;
  language: () => DispatchLanguage;
  apiBase?: string;
}

// A marker per open incident, drawn whether or not the dispatch panel is
// open. The tooltip names the kind and priority in the console's language.
export class IncidentLayer {
  readonly group = L.layerGroup();
  private readonly api: DispatchApi;
  private incidents: IncidentView[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: IncidentLayerOptions) {
    this.api = new DispatchApi(options.apiBase ?? "api/v1", options.token, options.language);
  }

  start(map: L.Map): void {
    this.group.addTo(map);
    void this.load();
    this.timer ??= setInterval(() => void this.load(), REFRESH_MS);
  }

  stop(): void {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
    this.group.remove();
  }

  async load(): Promise<void> {
    try {
      this.incidents = (await this.api.get<{ items: IncidentView[] }>("/incidents?status=open&limit=500")).items;
    } catch (error) {
      console.warn("loading open incidents failed", error);
      return;
    }
    this.render();
  }

  // Redraws the markers, also after a language change.
  render(): void {
    this.group.clearLayers();
    for (const incident of this.incidents) {
      this.group.addLayer(this.marker(incident));
    }
  }

  private marker(incident: IncidentView): L.CircleMarker {
    const language = this.options.language();
    const kind = translate(language, `kind.${incident.kind}` as DispatchMessageKey);
    const label = translate(language, "dispatch.incidentRow", { id: incident.id, kind, priority: incident.priority });
    const [lon, lat] = incident.lonLat;
    const marker = L.circleMarker([lat, lon], { radius: 8, color: "#b71c1c", fillColor: "#ff7043", fillOpacity: 0.9, weight: 2, className: `incident-marker incident-${incident.id}` });
    return marker.bindTooltip(label);
  }
}
