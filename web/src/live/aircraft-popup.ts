import { element } from "../core/dom.js";
import { formatAge, formatClock, formatNumber, formatTimeOfDay } from "../core/format.js";
import { currentLanguage, t } from "../core/i18n.js";
import { renderPopup, type PopupRow } from "../assets/popup.js";
import { enumLabel, yesNo } from "../assets/values.js";
import { dispatchMessages, translate, type DispatchMessageKey } from "../dispatch/i18n.js";
import type { ActiveMission, MissionLoader } from "./active-mission.js";
import { popupText } from "./i18n.js";
import { patchChildren } from "./patch-dom.js";
import { displayName, type Track } from "./track.js";

import "./aircraft-popup.css";

// The state of the lookup of an aircraft's active mission.
export type MissionLookup =
  | { state: "loading" }
  | { state: "none" }
  | { state: "active"; mission: ActiveMission }
  | { state: "failed"; message: string };

// Inputs the layer shares with every popup: registry rows, a footer, the
// mission loader, and the last lookup per ICAO address, which a reopened
// popup shows until its own lookup returns.
export interface PopupSources {
  fleetDetails: (track: Track) => PopupRow[];
  footer: ((track: Track) => Node) | null;
  loadMission: MissionLoader | null;
  missionCache: Map<string, MissionLookup>;
}

// The live feed carries no mission frames, and tracking moves a mission from
// dispatched to airborne and on scene without telling the console, so an open
// popup reads the mission again at this period.
const missionRefreshMs = 10_000;
const ageTickMs = 1000;

// The content of one open aircraft popup. It is built once when the popup
// opens. Position updates and the age ticker patch its text in place, so the
// popup neither flickers nor resets while the aircraft reports every second.
export class AircraftPopupView {
  readonly root = element("div", { class: "aircraft-popup", "data-testid": "aircraft-popup" });
  // The mission sits between the header and the fields, where it is seen
  // without scrolling.
  private readonly headerSlot = element("div", { class: "aircraft-popup-header" });
  private readonly missionSlot = element("div", { class: "aircraft-popup-mission" });
  private readonly fieldsSlot = element("div", { class: "aircraft-popup-fields" });
  private readonly footerSlot = element("div", { class: "aircraft-popup-footer" });
  private timers: Array<ReturnType<typeof setInterval>> = [];
  private missionRequest = 0;
  private stopped = false;

  constructor(
    private track: Track,
    private readonly sources: PopupSources,
    // Called when rows appeared or went, so that Leaflet lays the popup out again.
    private readonly onResize: () => void,
  ) {
    this.root.append(this.headerSlot, this.missionSlot, this.fieldsSlot, this.footerSlot);
    this.renderAll();
  }

  // Starts the age ticker and the mission lookups; called once the popup is open.
  start(): void {
    this.timers.push(setInterval(() => this.tickAge(), ageTickMs));
    if (this.sources.loadMission && this.track.fleet) {
      this.timers.push(setInterval(() => void this.loadMission(), missionRefreshMs));
      void this.loadMission();
    }
  }

  // Reads the mission again at once, after a mission frame for this aircraft.
  missionChanged(): void {
    if (!this.stopped && this.sources.loadMission && this.track.fleet) {
      void this.loadMission();
    }
  }

  stop(): void {
    this.stopped = true;
    this.timers.forEach((timer) => clearInterval(timer));
    this.timers = [];
  }

  setTrack(track: Track): void {
    this.track = track;
    if (this.patchDetails()) {
      this.onResize();
    }
  }

  // Builds every part again, for a language switch.
  renderAll(): void {
    const { header, fields } = aircraftDetails(this.track, this.sources.fleetDetails(this.track));
    this.headerSlot.replaceChildren(header);
    this.fieldsSlot.replaceChildren(fields);
    this.missionSlot.replaceChildren(...this.missionNodes());
    this.footerSlot.replaceChildren(...(this.sources.footer ? [this.sources.footer(this.track)] : []));
  }

  private patchDetails(): boolean {
    const { header, fields } = aircraftDetails(this.track, this.sources.fleetDetails(this.track));
    const headerReplaced = patchChildren(this.headerSlot, [header]);
    return patchChildren(this.fieldsSlot, [fields]) || headerReplaced;
  }

  private patchMission(): void {
    const resized = patchChildren(this.missionSlot, this.missionNodes());
    // The registry status row may have changed along with the mission.
    if (this.patchDetails() || resized) {
      this.onResize();
    }
  }

  private missionNodes(): Node[] {
    if (!this.sources.loadMission || !this.track.fleet) {
      return [];
    }
    const lookup = this.sources.missionCache.get(this.track.icaoAddress) ?? { state: "loading" };
    return [missionTable(lookup)];
  }

  private tickAge(): void {
    const age = this.fieldsSlot.querySelector(".ac-contact-age");
    const text = contactAge(this.track.lastSeen);
    if (age && age.textContent !== text) {
      age.textContent = text;
    }
  }

  // Reads the mission; a lookup that returns after a newer one started, or
  // after the popup closed, is dropped. A failed lookup keeps the last known
  // mission on screen and shows the error only when there is none.
  private async loadMission(): Promise<void> {
    const request = ++this.missionRequest;
    const icaoAddress = this.track.icaoAddress;
    let lookup: MissionLookup;
    try {
      const mission = await this.sources.loadMission!(icaoAddress);
      lookup = mission ? { state: "active", mission } : { state: "none" };
    } catch (error) {
      console.warn(`loading the mission of ${icaoAddress} failed`, error);
      const known = this.sources.missionCache.get(icaoAddress);
      const message = error instanceof Error ? error.message : String(error);
      lookup = known?.state === "active" || known?.state === "none" ? known : { state: "failed", message };
    }

    if (this.stopped || request !== this.missionRequest) {
      return;
    }
    this.sources.missionCache.set(icaoAddress, lookup);
    this.patchMission();
  }
}

// Translates a mission status or incident kind with the dispatch panel's
// labels, or shows the value as it is when they lack it.
function dispatchLabel(prefix: "status" | "kind", value: string): string {
  const language = currentLanguage();
  const key = `${prefix}.${value}`;
  return key in dispatchMessages[language] ? translate(language, key as DispatchMessageKey) : value;
}

function missionTable(lookup: MissionLookup): HTMLElement {
  const table = element("table", { class: "popup-fields aircraft-mission", "data-testid": "aircraft-mission", "data-state": lookup.state });
  const row = (label: string, value: string) => table.append(element("tr", {}, [element("th", { scope: "row" }, [label]), element("td", {}, [value])]));

  if (lookup.state !== "active") {
    row(popupText("aircraftPopup.mission"), lookupStateText(lookup));
    return table;
  }

  const { mission } = lookup;
  table.dataset.missionId = String(mission.id);
  table.dataset.status = mission.status;
  row(popupText("aircraftPopup.mission"), popupText("aircraftPopup.missionValue", { id: mission.id, status: dispatchLabel("status", mission.status) }));
  row(popupText("aircraftPopup.incident"), popupText("aircraftPopup.incidentValue", { id: mission.incidentId, kind: dispatchLabel("kind", mission.incidentKind) }));

  const arrival = arrivalText(mission);
  if (arrival) {
    row(popupText(arrival.label), arrival.text);
  }
  return table;
}

function lookupStateText(lookup: Exclude<MissionLookup, { state: "active" }>): string {
  switch (lookup.state) {
    case "loading":
      return popupText("aircraftPopup.missionLoading");
    case "none":
      return popupText("aircraftPopup.noMission");
    case "failed":
      return popupText("aircraftPopup.missionFailed", { message: lookup.message });
  }
}

// The on-scene time once the aircraft arrived, else the estimate made at
// dispatch, or null when the model gave none.
function arrivalText(mission: ActiveMission): { label: "aircraftPopup.onScene" | "aircraftPopup.eta"; text: string } | null {
  if (mission.onSceneAt) {
    const time = formatTimeOfDay(new Date(mission.onSceneAt));
    const text = mission.arrivalMin === null ? time : popupText("aircraftPopup.onSceneAt", { time, arrival: formatNumber(mission.arrivalMin) });
    return { label: "aircraftPopup.onScene", text };
  }
  if (mission.estimatedEtaMin === null) {
    return null;
  }

  const eta = formatNumber(mission.estimatedEtaMin);
  if (!mission.dispatchedAt) {
    return { label: "aircraftPopup.eta", text: popupText("aircraftPopup.etaAfterDispatch", { eta }) };
  }
  const time = formatTimeOfDay(new Date(Date.parse(mission.dispatchedAt) + mission.estimatedEtaMin * 60_000));
  return { label: "aircraftPopup.eta", text: popupText("aircraftPopup.etaAt", { time, eta }) };
}

function contactAge(lastSeen: string): string {
  return formatAge(Date.now() - Date.parse(lastSeen));
}

// The last contact as an age that the popup ticks every second, over the
// clock time in China Standard Time.
function lastContact(lastSeen: string): string | Node | null {
  const date = new Date(lastSeen);
  if (Number.isNaN(date.getTime())) {
    return lastSeen || null;
  }
  const clock = popupText("aircraftPopup.clock", { time: formatClock(date) });
  return element("span", { class: "ac-contact" }, [
    element("span", { class: "ac-contact-age", "data-testid": "aircraft-contact-age", title: clock }, [contactAge(lastSeen)]),
    element("span", { class: "ac-contact-clock" }, [clock]),
  ]);
}

// The popup's header (kind, name, badges) and its table of fields, which
// renderPopup builds as one card and which are taken apart here.
function aircraftDetails(track: Track, fleetRows: PopupRow[]): { header: HTMLElement; fields: HTMLElement } {
  const badges = [track.fleet ? t("popup.fleet") : null, track.stale ? t("popup.stale") : null].filter((b): b is string => b !== null);
  const header = renderPopup({
    nameZh: displayName(track),
    nameEn: null,
    kindLabel: enumLabel("enum.category", track.category ?? "unknown") ?? "",
    badges,
    rows: [
      ["field.registration", track.registration],
      ["field.callsign", track.callsign],
      ...fleetRows,
      ["field.icaoAddress", track.icaoAddress],
      // Whole metres, as on the map label: a feed's tenths of a metre are noise.
      ["field.altitudeM", track.altitudeM === null ? null : t("value.meters", { n: formatNumber(track.altitudeM) })],
      ["field.groundSpeedKmh", track.groundSpeedKmh === null ? null : t("value.kmh", { n: formatNumber(track.groundSpeedKmh) })],
      ["field.trackDeg", track.trackDeg === null ? null : t("value.degrees", { n: formatNumber(track.trackDeg) })],
      ["field.verticalRateMps", track.verticalRateMps === null ? null : t("value.mps", { n: formatNumber(track.verticalRateMps, 1) })],
      ["field.squawk", track.squawk],
      ["field.onGround", yesNo(track.onGround)],
      ["field.lastSeen", lastContact(track.lastSeen)],
      ["field.feedSource", track.source],
    ],
  });
  const fields = header.querySelector<HTMLElement>("table.popup-fields")!;
  fields.remove();
  return { header, fields };
}
