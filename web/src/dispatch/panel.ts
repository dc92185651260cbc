import L from "leaflet";

import { AlertsSection } from "./alerts-section.js";
import { BoardSection } from "./board-section.js";
import { DispatchApi } from "./api.js";
import { unlockAudio } from "./beep.js";
import { el, type DispatchCapability, type PanelContext } from "./context.js";
import { translate, type DispatchLanguage } from "./i18n.js";
import { IncidentSection } from "./incident-section.js";
import { listenForDispatchFrames } from "./dispatch-socket.js";
import { MissionSection } from "./mission-section.js";
import type { AlertFrameMessage, MissionFrameMessage } from "./types.js";
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
  // and mission frames from it and reads alerts and missions again on every
  // connection, and opens no socket of its own (wsUrl is then unused).
  live?: LiveFrames;
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
export interface LiveFrames {
  onMessage(type: "alert", handler: (message: AlertFrameMessage) => void): () => void;
  onMessage(type: "mission", handler: (message: MissionFrameMessage) => void): () => void;
  onConnect(handler: () => void): () => void;
}

// The panel's sections that follow the live frames.
interface LiveSections {
  alerts: AlertsSection;
  mission: MissionSection;
  board: BoardSection;
}

function defaultWsUrl(token: string): string {
  const url = new URL("ws", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("token", token);
  return url.toString();
}

// Applies a mission frame to the shown mission and to the active list.
function applyMission(sections: LiveSections, message: MissionFrameMessage): void {
  sections.mission.apply(message.mission);
  sections.board.applyMission(message.mission);
}

// Reads alerts and missions again after a reconnection, because frames sent
// while the socket was down are lost.
function reloadAfterReconnect(sections: LiveSections, context: PanelContext): void {
  sections.alerts.load().catch((error: unknown) => context.showError(error));
  void sections.mission.refresh();
  void sections.board.load();
}

// Applies the live feed's alert and mission frames, and reloads after each
// reconnection. Returns a function that stops all three.
function followLiveFrames(live: LiveFrames, sections: LiveSections, context: PanelContext): () => void {
  const stops = [
    live.onMessage("alert", (message) => sections.alerts.apply(message)),
    live.onMessage("mission", (message) => applyMission(sections, message)),
    live.onConnect(() => reloadAfterReconnect(sections, context)),
  ];
  return () => stops.forEach((stop) => stop());
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
  const sections: LiveSections = { alerts, mission, board };
  const stopFrames = options.live
    ? followLiveFrames(options.live, sections, context)
    : listenForDispatchFrames(options.wsUrl ?? defaultWsUrl(options.token), {
        alert: (message) => alerts.apply(message),
        mission: (message) => applyMission(sections, message),
        reconnect: () => reloadAfterReconnect(sections, context),
      });

  return {
    close: () => {
      stopFrames();
      board.stop();
      incident.stopPicking();
      control.remove();
    },
  };
}
