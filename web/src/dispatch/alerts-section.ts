import { historyButton } from "../audit/index.js";
import { beep } from "./beep.js";
import { el, type PanelContext } from "./context.js";
import type { DispatchMessageKey } from "./i18n.js";
import { alertText, OpenAlerts } from "./open-alerts.js";
import { actorLabel } from "./timeline-text.js";
import type { AlertFrameMessage, AlertView } from "./types.js";

// The open flight-following alerts, newest first, with an acknowledge
// button each. A raised alert or a rise in level plays the beep.
export class AlertsSection {
  readonly root = el("section", { class: "dispatch-alerts", "data-testid": "dispatch-alerts" });
  private readonly alerts = new OpenAlerts();
  beeps = 0;

  // sound is false where another part of the console already beeps for the same alerts.
  constructor(
    private readonly context: PanelContext,
    private readonly sound = true,
  ) {}

  async load(): Promise<void> {
    const list = await this.context.api.get<{ items: AlertView[] }>("/alerts?open=true&limit=200");
    this.alerts.replaceAll(list.items);
    this.render();
  }

  apply(message: AlertFrameMessage): void {
    const rose = this.alerts.apply(message);
    if (rose && this.sound && beep(message.alert.level === "emergency")) {
      this.beeps++;
      this.root.dataset.beeps = String(this.beeps);
    }
    this.render();
  }

  render(): void {
    const { tr, language } = this.context;
    const items = this.alerts.newestFirst();
    const rows = items.map((alert) => {
      const acknowledge = el("button", { type: "button", "data-testid": `acknowledge-${alert.id}` }, [tr("dispatch.acknowledge")]);
      acknowledge.addEventListener("click", () => void this.acknowledge(alert.id));
      let state: HTMLElement | null = this.context.can("alert.acknowledge") ? acknowledge : null;
      // An acknowledgement is the only change to an alert that the audit log records.
      let history: HTMLElement | null = null;
      if (alert.acknowledgedAt) {
        state = el("span", { class: "dispatch-muted" }, [tr("dispatch.acknowledgedBy", { by: actorLabel(this.context, alert.acknowledgedBy ?? "") })]);
        history = historyButton("alert", alert.id, () => alertText(alert, language()), `alert-history-${alert.id}`);
      }
      return el("li", { class: `dispatch-alert dispatch-level-${alert.level}`, "data-testid": `alert-${alert.id}`, "data-kind": alert.kind }, [
        el("strong", {}, [tr(`level.${alert.level}` as DispatchMessageKey)]),
        " ",
        alertText(alert, language()),
        " ",
        state,
        history ? " " : null,
        history,
      ]);
    });
    this.root.replaceChildren(el("h3", {}, [tr("dispatch.alerts")]), rows.length ? el("ul", {}, rows) : el("p", { class: "dispatch-muted" }, [tr("dispatch.noAlerts")]));
  }

  private async acknowledge(id: number): Promise<void> {
    try {
      const alert = await this.context.api.post<AlertView>(`/alerts/${id}/acknowledge`, {});
      this.alerts.set(alert);
      this.render();
    } catch (error) {
      this.context.showError(error);
    }
  }
}
