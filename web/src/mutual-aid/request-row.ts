import { historyButton } from "../audit/index.js";
import type { Principal } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { formatClock } from "../core/format.js";
import { currentLanguage } from "../core/i18n.js";
import { translate, type DispatchMessageKey } from "../dispatch/i18n.js";
import { cityName } from "./cities.js";
import { present } from "./nodes.js";
import { at, type AidKey } from "./i18n.js";
import { impactView, type ImpactState } from "./impact.js";
import { aircraftLabel } from "./lendable.js";
import { StepControls } from "./step-controls.js";
import type { AidRequest, City, Fleet, Incident } from "./types.js";

// The panel state a row reads, and the steps it may send to the API. Each
// step resolves to the request as the API returns it afterwards.
export interface RowContext {
  cities(): readonly City[];
  principal(): Principal | null;
  fleet(): Fleet | null;
  incidents(): readonly Incident[];
  approve(id: number, aircraftId: number | null): Promise<AidRequest>;
  decline(id: number, reason: string): Promise<AidRequest>;
  cancel(id: number): Promise<AidRequest>;
  returnLoan(id: number): Promise<AidRequest>;
  applied(request: AidRequest): void;
}

const decidedKeys: Partial<Record<AidRequest["status"], AidKey>> = {
  approved: "aid.approvedAt",
  returned: "aid.approvedAt",
  declined: "aid.declinedAt",
  cancelled: "aid.cancelledAt",
};

// One request in the panel: what was asked, its times in China Standard
// Time with who acted, the coverage impact while it is pending or on loan,
// and the steps the signed-in user may take (StepControls). The impact is
// replaced in place, so that a reason being typed survives it.
export class RequestRow {
  readonly element = element("li", { class: "aid-row" });
  private impactSlot: HTMLElement = element("div");
  private impact: ImpactState | null = null;
  private error: string | null = null;
  private readonly steps: StepControls;

  constructor(
    private request: AidRequest,
    private readonly context: RowContext,
  ) {
    this.element.setAttribute("data-testid", `mutual-aid-request-${request.id}`);
    this.steps = new StepControls(context, this.element, (message) => this.showError(message));
    this.render();
  }

  get current(): AidRequest {
    return this.request;
  }

  update(request: AidRequest): void {
    this.request = request;
    this.error = null;
    this.render();
  }

  setImpact(state: ImpactState | null): void {
    this.impact = state;
    const next = this.impactElement();
    this.impactSlot.replaceWith(next);
    this.impactSlot = next;
  }

  render(): void {
    const request = this.request;
    const cities = this.context.cities();
    const title = at("aid.row", {
      id: request.id,
      from: cityName(cities, request.requestingCity),
      to: cityName(cities, request.lendingCity),
      status: at(`aid.status.${request.status}`),
    });
    this.impactSlot = this.impactElement();

    this.element.className = `aid-row aid-${request.status}`;
    this.element.replaceChildren(
      ...present([
        element("div", { class: "aid-heading" }, [
        element("p", { class: "aid-title", "data-testid": `mutual-aid-status-${request.id}` }, [title]),
        // The audit log has every step with its actor and time; null for roles that may not read it.
        historyButton("mutual_aid_request", request.id, () => `#${request.id}`),
      ]),
        element("p", {}, [at("aid.aircraftRow", { aircraft: this.aircraftText() })]),
        request.incidentId === null ? null : element("p", {}, [at("aid.incidentRow", { incident: this.incidentText(request.incidentId) })]),
        this.times(),
        request.declineReason ? element("p", { "data-testid": `mutual-aid-reason-${request.id}` }, [at("aid.declineReason", { reason: request.declineReason })]) : null,
        request.notes ? element("p", { class: "muted" }, [at("aid.notes", { notes: request.notes })]) : null,
        this.impactSlot,
        this.steps.build(request),
        element("p", { class: "form-error", role: "alert", "data-testid": `mutual-aid-error-${request.id}` }, [this.error ?? ""]),
      ]),
    );
  }

  private impactElement(): HTMLElement {
    if (!this.impact) {
      return element("div", { hidden: "" });
    }
    return impactView(this.request.id, this.request.status === "requested", this.impact, this.context.cities());
  }

  private aircraftText(): string {
    const request = this.request;
    if (request.aircraftId !== null) {
      return aircraftLabel(this.context.fleet(), request.aircraftId);
    }
    return at("aid.anyOf", { category: at(`aid.category.${request.category ?? "helicopter"}`) });
  }

  private incidentText(incidentId: number): string {
    const incident = this.context.incidents().find((candidate) => candidate.id === incidentId);
    if (!incident) {
      return `#${incidentId}`;
    }
    const kind = translate(currentLanguage(), `kind.${incident.kind}` as DispatchMessageKey);
    return at("aid.incident", { id: incident.id, kind, priority: incident.priority });
  }

  private times(): HTMLElement {
    const request = this.request;
    const line = (key: AidKey, iso: string | null, by: string | null) =>
      iso ? element("li", {}, [at(key, { time: formatClock(new Date(iso)), by: by ?? "" })]) : null;
    const decidedKey = decidedKeys[request.status];

    return element("ul", { class: "aid-times", "data-testid": `mutual-aid-times-${request.id}` }, [
      line("aid.requestedAt", request.requestedAt, request.requestedBy),
      decidedKey ? line(decidedKey, request.decidedAt, request.decidedBy) : null,
      line("aid.returnedAt", request.returnedAt, request.returnedBy),
    ]);
  }

  private showError(message: string | null): void {
    this.error = message;
    const slot = this.element.querySelector(`[data-testid=mutual-aid-error-${this.request.id}]`);
    if (slot) {
      slot.textContent = message ?? "";
    }
  }
}
