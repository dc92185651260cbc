import L from "leaflet";

import { historyButton } from "../audit/index.js";
import { renderCandidateRow } from "./candidate-row.js";
import { el, type PanelContext } from "./context.js";
import type { DispatchMessageKey } from "./i18n.js";
import type { CandidateReportView, IncidentView, MissionView } from "./types.js";

const incidentKinds = ["forest_fire", "grassland_fire", "flood", "earthquake", "medical_evacuation", "search_and_rescue", "hazardous_chemicals"];

// Creating an incident from a map click, then its candidates ranked by ETA
// with a dispatch button each.
export class IncidentSection {
  readonly root = el("section", { class: "dispatch-incident" });
  private picking = false;
  private lonLat: [number, number] | null = null;
  private marker: L.CircleMarker | null = null;
  private incident: IncidentView | null = null;
  private report: CandidateReportView | null = null;
  private form = { kind: "forest_fire", priority: "1", reporter: "", notes: "" };

  constructor(
    private readonly context: PanelContext,
    private readonly map: L.Map,
    private readonly onDispatched: (mission: MissionView) => void,
    private readonly onCreated: (incident: IncidentView) => void = () => {},
  ) {
    map.on("click", (event: L.LeafletMouseEvent) => this.pick(event.latlng));
  }

  // While picking, asset layers, aircraft and incident markers take no
  // clicks (CSS on .dispatch-picking), so that a click inside a forest risk
  // area or on a patrol corridor reaches the map and places the incident.
  private setPicking(picking: boolean): void {
    this.picking = picking;
    const container = this.map.getContainer();
    container.style.cursor = picking ? "crosshair" : "";
    container.classList.toggle("dispatch-picking", picking);
  }

  // Leaves picking mode, as when the panel closes.
  stopPicking(): void {
    this.setPicking(false);
  }

  private pick(latLng: L.LatLng): void {
    if (!this.picking) {
      return;
    }
    this.setPicking(false);
    // 5 decimals of a degree is about 1 m, finer than any reported position.
    this.lonLat = [Number(latLng.lng.toFixed(5)), Number(latLng.lat.toFixed(5))];
    this.marker?.remove();
    this.marker = L.circleMarker(latLng, { radius: 9, color: "#c62828", weight: 3 }).addTo(this.map);
    this.incident = null;
    this.report = null;
    this.render();
  }

  // Shows an existing incident, picked from the open list, with its candidates.
  select(incident: IncidentView): void {
    this.setPicking(false);
    this.lonLat = incident.lonLat;
    this.marker?.remove();
    this.marker = L.circleMarker([incident.lonLat[1], incident.lonLat[0]], { radius: 9, color: "#c62828", weight: 3 }).addTo(this.map);
    this.incident = incident;
    this.report = null;
    this.render();
    void this.loadCandidates(incident.id);
  }

  private async loadCandidates(incidentId: number): Promise<void> {
    try {
      this.report = await this.context.api.get<CandidateReportView>(`/incidents/${incidentId}/candidates`);
      this.render();
    } catch (error) {
      this.context.showError(error);
    }
  }

  render(): void {
    const { tr } = this.context;
    const pickButton = el("button", { type: "button", "data-testid": "dispatch-pick" }, [tr("dispatch.pick")]);
    pickButton.addEventListener("click", () => {
      this.setPicking(true);
      this.render();
    });

    // Roles that may not create incidents see the title only, and no pick button.
    const children: Array<Node | null> = [el("h3", {}, [tr("dispatch.title")]), this.context.can("incident.write") ? pickButton : null];
    if (this.picking) {
      children.push(el("p", { class: "dispatch-muted" }, [tr("dispatch.pickHint")]));
    }
    if (this.lonLat && !this.incident) {
      children.push(this.renderForm(this.lonLat));
    }
    if (this.incident) {
      const incident = this.incident;
      const title = () => tr("dispatch.incident", { id: incident.id, kind: tr(`kind.${incident.kind}` as DispatchMessageKey) });
      const history = historyButton("incident", incident.id, title, "incident-history");
      children.push(el("p", { "data-testid": "dispatch-incident" }, [title(), history ? " " : null, history]));
    }
    if (this.report) {
      children.push(this.renderCandidates(this.report));
    }
    this.root.replaceChildren(...children.filter((child): child is Node => child !== null));
  }

  private renderForm(lonLat: [number, number]): HTMLElement {
    const { tr } = this.context;
    const kind = el(
      "select",
      { "data-testid": "dispatch-kind" },
      incidentKinds.map((value) => {
        const option = el("option", { value }, [tr(`kind.${value}` as DispatchMessageKey)]);
        option.selected = value === this.form.kind;
        return option;
      }),
    );
    kind.addEventListener("change", () => (this.form.kind = kind.value));
    const priority = el("select", { "data-testid": "dispatch-priority" }, ["1", "2", "3", "4", "5"].map((value) => el("option", { value }, [value])));
    priority.value = this.form.priority;
    priority.addEventListener("change", () => (this.form.priority = priority.value));
    const reporter = el("input", { type: "text", maxlength: "200", "data-testid": "dispatch-reporter" });
    reporter.value = this.form.reporter;
    reporter.addEventListener("input", () => (this.form.reporter = reporter.value));
    const notes = el("textarea", { rows: "2", maxlength: "4000" });
    notes.value = this.form.notes;
    notes.addEventListener("input", () => (this.form.notes = notes.value));
    const create = el("button", { type: "button", "data-testid": "dispatch-create" }, [tr("dispatch.create")]);
    create.addEventListener("click", () => void this.create(lonLat));

    return el("div", { class: "dispatch-form" }, [
      el("p", {}, [tr("dispatch.picked", { lon: lonLat[0], lat: lonLat[1] })]),
      el("label", {}, [tr("dispatch.kind"), kind]),
      el("label", {}, [tr("dispatch.priority"), priority]),
      el("label", {}, [tr("dispatch.reporter"), reporter]),
      el("label", {}, [tr("dispatch.notes"), notes]),
      create,
    ]);
  }

  private renderCandidates(report: CandidateReportView): HTMLElement {
    const { tr } = this.context;
    if (report.candidates.length === 0) {
      return el("p", { class: "dispatch-muted" }, [tr("dispatch.noCandidates")]);
    }
    const rows = report.candidates.map((candidate) => renderCandidateRow(this.context, candidate, report.targetMin, (override) => void this.dispatch(candidate.aircraftId, override)));
    return el("div", {}, [el("h4", {}, [tr("dispatch.candidates")]), el("ol", { class: "dispatch-candidates", "data-testid": "dispatch-candidates" }, rows)]);
  }

  private async create(lonLat: [number, number]): Promise<void> {
    const { api } = this.context;
    try {
      this.incident = await api.post<IncidentView>("/incidents", {
        kind: this.form.kind,
        priority: Number(this.form.priority),
        reporter: this.form.reporter.trim() || null,
        notes: this.form.notes.trim() || null,
        reportedAt: new Date().toISOString(),
        geometry: { type: "Point", coordinates: lonLat },
      });
      this.onCreated(this.incident);
      this.render();
      this.report = await api.get<CandidateReportView>(`/incidents/${this.incident.id}/candidates`);
      this.render();
    } catch (error) {
      this.context.showError(error);
    }
  }

  private async dispatch(aircraftId: number, override: boolean): Promise<void> {
    if (!this.incident) {
      return;
    }
    try {
      const body = override ? { incidentId: this.incident.id, aircraftId, override: true } : { incidentId: this.incident.id, aircraftId };
      const mission = await this.context.api.post<MissionView>("/missions", body);
      this.onDispatched(mission);
      this.report = await this.context.api.get<CandidateReportView>(`/incidents/${this.incident.id}/candidates`);
      this.render();
    } catch (error) {
      this.context.showError(error);
    }
  }
}
