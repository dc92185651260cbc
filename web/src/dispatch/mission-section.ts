import { historyButton } from "../audit/index.js";
import { el, type PanelContext } from "./context.js";
import type { DispatchMessageKey } from "./i18n.js";
import { timelineLine } from "./timeline-text.js";
import type { MissionView } from "./types.js";

// Manual status changes the API allows from each status. The server checks
// them again and returns 409 for any other.
const nextStatuses: Record<string, string[]> = {
  requested: ["dispatched", "cancelled"],
  dispatched: ["airborne", "cancelled"],
  airborne: ["on_scene", "returning", "landed"],
  on_scene: ["returning", "landed"],
  returning: ["on_scene", "landed"],
  landed: ["closed"],
};

// The mission just dispatched or picked from the list: its status, arrival
// time and timeline, with buttons for the manual status changes. Changes
// made elsewhere, by tracking or at another desk, arrive as mission frames
// over the WebSocket (apply), and the panel calls refresh() on every
// (re)connection to catch up on frames it missed.
export class MissionSection {
  readonly root = el("section", { class: "dispatch-mission", "data-testid": "dispatch-mission" });
  private mission: MissionView | null = null;

  constructor(private readonly context: PanelContext) {}

  show(mission: MissionView): void {
    this.mission = mission;
    this.render();
  }

  // Applies a mission frame when it is about the mission shown.
  apply(mission: MissionView): void {
    if (this.mission?.id !== mission.id) {
      return;
    }
    this.show(mission);
  }

  // Shows a mission picked from the list, which carries no timeline.
  showById(id: number): void {
    this.mission = null;
    this.render();
    void this.load(id);
  }

  private async load(id: number): Promise<void> {
    try {
      this.show(await this.context.api.get<MissionView>(`/missions/${id}`));
    } catch (error) {
      this.context.showError(error);
    }
  }

  async refresh(): Promise<void> {
    if (!this.mission) {
      return;
    }
    try {
      this.mission = await this.context.api.get<MissionView>(`/missions/${this.mission.id}`);
      this.render();
    } catch (error) {
      this.context.showError(error);
    }
  }

  render(): void {
    const mission = this.mission;
    if (!mission) {
      this.root.replaceChildren();
      return;
    }
    const { tr } = this.context;
    const statusText = (status: string) => tr(`status.${status}` as DispatchMessageKey);
    const timeline = (mission.timeline ?? []).map((event) => el("li", {}, [timelineLine(this.context, event)]));
    const allowed = this.context.can("mission.write") ? (nextStatuses[mission.status] ?? []) : [];
    const buttons = allowed.map((status) => {
      const button = el("button", { type: "button", "data-testid": `mission-status-${status}` }, [tr("dispatch.setStatus", { status: statusText(status) })]);
      button.addEventListener("click", () => void this.setStatus(status));
      return button;
    });
    const title = () => tr("dispatch.mission", { id: mission.id, registration: mission.registration, status: statusText(mission.status) });
    const history = historyButton("mission", mission.id, title, "mission-history");
    this.root.dataset.status = mission.status;
    this.root.replaceChildren(
      el("h3", {}, [title(), history ? " " : null, history]),
      el("p", { "data-testid": "mission-arrival" }, [mission.arrivalMin === null ? "" : tr("dispatch.arrival", { arrival: mission.arrivalMin })]),
      el("ol", { class: "dispatch-timeline", "data-testid": "mission-timeline" }, timeline),
      el("div", { class: "dispatch-buttons" }, buttons),
    );
  }

  private async setStatus(status: string): Promise<void> {
    if (!this.mission) {
      return;
    }
    try {
      this.mission = await this.context.api.post<MissionView>(`/missions/${this.mission.id}/status`, { status });
      this.render();
    } catch (error) {
      this.context.showError(error);
    }
  }
}
