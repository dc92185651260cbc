import L from "leaflet";

import { AlertsSection } from "./alerts-section.js";
import { BoardSection } from "./board-section.js";
import { DispatchApi } from "./api.js";
import { unlockAudio } from "./beep.js";
import { el, type DispatchCapability, type PanelContext } from "./context.js";
import { translate, type DispatchLanguage } from "./i18n.js";
import { IncidentSection } from "./incident-section.js";
import { listenForAlerts } from "./alert-socket.js";
import { MissionSection } from "./mission-section.js";
import type { AlertFrameMessage } from "./types.js";
import "./dispatch.css";

export interface DispatchPanelOptions {
  token: string;
  // The console's current language and its change notifications.
  language: () => DispatchLanguage;
  onLanguageChange?: (listener: () => void) => void;
  // Defaults: "api/v1" beside the page, and /ws beside the page.
  apiBase?: string;
  wsUrl?: string;
  // The console's live connection. When given, the panel takes its alert
  // frames from it and reloads the open alerts on every connection, and
  // opens no socket of its own (wsUrl is then unused).
  live?: LiveAlerts;
  // Whether the signed-in role may make a kind of write; the console passes
  // its capability table (web/src/core/capabilities.ts). Without it every
  // write control is shown and the API decides.
  can?: (capability: DispatchCapability) => boolean;
  // Whether the panel beeps for raised alerts (default true). The console
  // passes false because its AlertWatch beeps for them with the panel closed too.
  alertSound?: boolean;
}

export interface DispatchPanel {
  close(): void;
}

// The part of the console's live feed (web/src/live/feed.ts) that the panel uses.
export interface LiveAlerts {
  onMessage(type: "alert", handler: (message: AlertFrameMessage) => void): () => void;
  onConnect(handler: () => void): () => void;
}

function defaultWsUrl(token: string): string {
  const url = new URL("ws", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("token", token);
  return url.toString();
}

// Applies the live feed's alert frames, and reloads the open alerts after
// each reconnection because frames sent while the feed was down are lost.
// Returns a function that stops both.
function followLiveAlerts(live: LiveAlerts, alerts: AlertsSection, context: PanelContext): () => void {
  const stopFrames = live.onMessage("alert", (message) => alerts.apply(message));
  const stopReloads = live.onConnect(() => alerts.load().catch((error: unknown) => context.showError(error)));
  return () => {
    stopFrames();
    stopReloads();
  };
}

/**
 * Installs the dispatch desk panel on the map: click the map to create an
 * incident, the candidate list with ETAs and one-click dispatch, the
 * mission timeline, and the flight-following alerts with a beep and an
 * acknowledge button.
 */
export function installDispatchPanel(map: L.Map, options: DispatchPanelOptions): DispatchPanel {
  const errorLine = el("p", { class: "dispatch-error", role: "alert", "data-testid": "dispatch-error" });
  errorLine.hidden = true;

  const context: PanelContext = {
    api: new DispatchApi(options.apiBase ?? "api/v1", options.token, options.language),
    language: options.language,
    can: options.can ?? (() => true),
    tr: (key, params) => translate(options.language(), key, params),
    showError: (error) => {
      const message = error instanceof Error ? error.message : String(error);
      errorLine.textContent = context.tr("dispatch.error", { message });
      errorLine.hidden = false;
      console.warn("dispatch panel:", error);
    },
  };

  const mission = new MissionSection(context);
  const alerts = new AlertsSection(context, options.alertSound ?? true);
  const board = new BoardSection(
    context,
    (picked) => incident.select(picked),
    (picked) => mission.showById(picked.id),
  );
  const incident = new IncidentSection(
    context,
    map,
    (created) => {
      mission.show(created);
      void board.load();
    },
    () => void board.load(),
  );
  const root = el("div", { class: "dispatch-panel", "data-testid": "dispatch-panel" }, [alerts.root, errorLine, board.root, incident.root, mission.root]);
  root.addEventListener("click", () => {
    unlockAudio();
    errorLine.hidden = true;
  }, { capture: true });

  // Leaflet separates panel clicks from map clicks by walking up from the event
  // target, which fails when a button re-renders (and so detaches) itself in
  // its own handler. Stopping the click at the panel keeps it off the map.
  root.addEventListener("click", (event) => event.stopPropagation());

  const control = new L.Control({ position: "topright" });
  control.onAdd = () => {
    L.DomEvent.disableClickPropagation(root);
    L.DomEvent.disableScrollPropagation(root);
    return root;
  };
  control.addTo(map);

  const renderAll = () => {
    board.render();
    incident.render();
    mission.render();
    alerts.render();
  };
  renderAll();
  options.onLanguageChange?.(renderAll);
  alerts.load().catch((error: unknown) => context.showError(error));
  board.start();
  const stopAlerts = options.live
    ? followLiveAlerts(options.live, alerts, context)
    : listenForAlerts(options.wsUrl ?? defaultWsUrl(options.token), (message) => alerts.apply(message));

  return {
    close: () => {
      stopAlerts();
      board.stop();
      mission.stop();
      incident.stopPicking();
      control.remove();
    },
  };
}
