import { can } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { actsFor } from "./cities.js";
import { at, type AidKey } from "./i18n.js";
import { aircraftLabel, lendableAircraft } from "./lendable.js";
import type { RowContext } from "./request-row.js";
import type { AidRequest } from "./types.js";

// The step buttons of one request row, with what the lender typed or picked
// kept across re-renders. Shown only to roles with mutualAid.write, and
// only for the side the API lets take each step.
export class StepControls {
  private busy = false;
  private reasonDraft = "";
  private aircraftDraft = "";

  constructor(
    private readonly context: RowContext,
    private readonly root: HTMLElement,
    private readonly showError: (message: string | null) => void,
  ) {}

  // The steps the signed-in user may take: the lending city approves or
  // declines, the requesting city withdraws, and either returns a loan.
  build(request: AidRequest): HTMLElement | null {
    if (!can("mutualAid.write")) {
      return null;
    }
    const principal = this.context.principal();
    const cities = this.context.cities();
    const lends = actsFor(principal, request.lendingCity, cities);
    const borrows = actsFor(principal, request.requestingCity, cities);

    const controls: HTMLElement[] = [];
    if (request.status === "requested" && lends) {
      controls.push(...this.approveControls(request), ...this.declineControls(request));
    }
    if (request.status === "requested" && borrows) {
      controls.push(this.button(request, "cancel", "aid.cancel", () => this.context.cancel(request.id)));
    }
    if (request.status === "approved" && (lends || borrows)) {
      controls.push(this.button(request, "return", "aid.return", () => this.context.returnLoan(request.id)));
    }
    if (controls.length === 0) {
      return null;
    }
    return element("div", { class: "aid-actions" }, controls);
  }

  // A request for "any suitable aircraft" needs the lender to pick one.
  private approveControls(request: AidRequest): HTMLElement[] {
    if (request.aircraftId !== null) {
      return [this.button(request, "approve", "aid.approve", () => this.context.approve(request.id, null))];
    }

    const fleet = this.context.fleet();
    const choices = fleet ? lendableAircraft(fleet, request) : [];
    if (choices.length === 0) {
      return [element("p", { class: "muted", "data-testid": `mutual-aid-no-aircraft-${request.id}` }, [at("aid.noAircraftToLend")])];
    }
    const picker = element(
      "select",
      { "data-testid": `mutual-aid-approve-aircraft-${request.id}` },
      choices.map((plane) => element("option", { value: String(plane.id) }, [aircraftLabel(fleet, plane.id)])),
    );
    if (choices.some((plane) => String(plane.id) === this.aircraftDraft)) {
      picker.value = this.aircraftDraft;
    }
    picker.addEventListener("change", () => (this.aircraftDraft = picker.value));
    return [
      element("label", { class: "field" }, [element("span", {}, [at("aid.approveAircraft")]), picker]),
      this.button(request, "approve", "aid.approve", () => this.context.approve(request.id, Number(picker.value))),
    ];
  }

  private declineControls(request: AidRequest): HTMLElement[] {
    const reason = element("input", { type: "text", maxlength: "2000", "data-testid": `mutual-aid-decline-reason-${request.id}` });
    reason.value = this.reasonDraft;
    reason.addEventListener("input", () => (this.reasonDraft = reason.value));
    const decline = this.button(request, "decline", "aid.decline", async () => {
      if (reason.value.trim() === "") {
        reason.setAttribute("aria-invalid", "true");
        throw new Error(at("aid.reasonMissing"));
      }
      return this.context.decline(request.id, reason.value.trim());
    });
    return [element("label", { class: "field" }, [element("span", {}, [at("aid.declineReasonLabel")]), reason]), decline];
  }

  // A step button: it is disabled while its call runs, and the API's
  // message (in the console's language) shows under the row on failure.
  private button(request: AidRequest, step: string, label: AidKey, run: () => Promise<AidRequest>): HTMLButtonElement {
    const button = element("button", { type: "button", "data-testid": `mutual-aid-${step}-${request.id}` }, [at(label)]);
    button.disabled = this.busy;
    button.addEventListener("click", () => void this.runStep(run));
    return button;
  }

  private async runStep(run: () => Promise<AidRequest>): Promise<void> {
    this.setBusy(true);
    this.showError(null);
    try {
      this.context.applied(await run());
    } catch (error) {
      this.showError(error instanceof Error ? error.message : String(error));
    } finally {
      this.setBusy(false);
    }
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.root.querySelectorAll("button").forEach((button) => (button.disabled = busy));
  }
}
