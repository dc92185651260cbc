import { el, type PanelContext } from "./context.js";
import type { DispatchMessageKey } from "./i18n.js";
import type { IncidentView, MissionView } from "./types.js";

// Mission statuses that GET /missions?active=true returns (api/dispatch/missions/transitions.ts).
const activeStatuses = new Set(["requested", "dispatched", "airborne", "on_scene", "returning"]);

// How often the lists are read again, so that a second workstation sees
// incidents and missions created elsewhere within this time.
const REFRESH_MS = 15_000;

// The open incidents and active missions, read from the API when the panel
// opens, so that a reload or a second workstation shows the work in hand.
// Picking a row shows that incident's candidates or that mission's timeline.
export class BoardSection {
  readonly root = el("section", { class: "dispatch-board", "data-testid": "dispatch-board" });
  private incidents: IncidentView[] = [];
  private missions: MissionView[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly context: PanelContext,
    private readonly onPickIncident: (incident: IncidentView) => void,
    private readonly onPickMission: (mission: MissionView) => void,
  ) {}

  // Reads both lists now and every REFRESH_MS until stop().
  start(): void {
    void this.load();
    this.timer ??= setInterval(() => void this.load(), REFRESH_MS);
  }

  stop(): void {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  async load(): Promise<void> {
    try {
      const [incidents, missions] = await Promise.all([
        this.context.api.get<{ items: IncidentView[] }>("/incidents?status=open&limit=200"),
        this.context.api.get<{ items: MissionView[] }>("/missions?active=true&limit=200"),
      ]);
      this.incidents = incidents.items;
      this.missions = missions.items;
      this.render();
    } catch (error) {
      this.context.showError(error);
    }
  }

  // Applies a mission frame: a new or changed active mission goes to the
  // top of the list or replaces its row, and an ended one leaves it.
  applyMission(mission: MissionView): void {
    const others = this.missions.filter((shown) => shown.id !== mission.id);
    const index = this.missions.findIndex((shown) => shown.id === mission.id);
    if (!activeStatuses.has(mission.status)) {
      this.missions = others;
    } else if (index === -1) {
      this.missions = [mission, ...others];
    } else {
      this.missions = this.missions.map((shown) => (shown.id === mission.id ? mission : shown));
    }
    this.render();
  }

  render(): void {
    const { tr } = this.context;
    const incidentRows = this.incidents.map((incident) => this.incidentRow(incident));
    const missionRows = this.missions.map((mission) => this.missionRow(mission));
    this.root.replaceChildren(
      el("h3", {}, [tr("dispatch.openIncidents")]),
      incidentRows.length ? el("ul", { class: "dispatch-list", "data-testid": "dispatch-open-incidents" }, incidentRows) : el("p", { class: "dispatch-muted" }, [tr("dispatch.noOpenIncidents")]),
      el("h3", {}, [tr("dispatch.activeMissions")]),
      missionRows.length ? el("ul", { class: "dispatch-list", "data-testid": "dispatch-active-missions" }, missionRows) : el("p", { class: "dispatch-muted" }, [tr("dispatch.noActiveMissions")]),
    );
  }

  private incidentRow(incident: IncidentView): HTMLElement {
    const { tr } = this.context;
    const label = tr("dispatch.incidentRow", { id: incident.id, kind: tr(`kind.${incident.kind}` as DispatchMessageKey), priority: incident.priority });
    const button = el("button", { type: "button", class: "dispatch-row", "data-testid": `open-incident-${incident.id}` }, [label]);
    button.addEventListener("click", () => this.onPickIncident(incident));
    return el("li", {}, [button]);
  }

  private missionRow(mission: MissionView): HTMLElement {
    const { tr } = this.context;
    const label = tr("dispatch.mission", { id: mission.id, registration: mission.registration, status: tr(`status.${mission.status}` as DispatchMessageKey) });
    const button = el("button", { type: "button", class: "dispatch-row", "data-testid": `open-mission-${mission.id}` }, [label]);
    button.addEventListener("click", () => this.onPickMission(mission));
    return el("li", {}, [button]);
  }
}
