import { currentPrincipal } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { currentLanguage } from "../core/i18n.js";
import { translate, type DispatchMessageKey } from "../dispatch/i18n.js";
import type { NewRequest } from "./api.js";
import { cityName } from "./cities.js";
import { present } from "./nodes.js";
import { at } from "./i18n.js";
import { aircraftLabel } from "./lendable.js";
import type { AidRequest, AircraftCategory, City, Fleet, Incident } from "./types.js";

const categories: readonly AircraftCategory[] = ["helicopter", "fixed_wing", "drone"];

export interface FormContext {
  cities(): readonly City[];
  fleet(): Fleet | null;
  // The open incidents of the caller's city, the only ones the API accepts.
  incidents(): readonly Incident[];
  create(body: NewRequest): Promise<AidRequest>;
  applied(request: AidRequest): void;
}

// The request form: a partner city, an aircraft category, and either one
// of the partner's available aircraft of that category or any suitable
// one, with an optional open incident of the own city and notes. The choices survive re-renders (language switch,
// fleet reload); the API's message shows under the button on failure.
export class RequestForm {
  readonly element = element("div", { class: "mutual-aid-form", "data-testid": "mutual-aid-form" });
  private lendingCity = "";
  private aircraftId = "";
  private category: AircraftCategory = "helicopter";
  private incidentId = "";
  private notes = "";
  private error = "";

  constructor(private readonly context: FormContext) {
    this.render();
  }

  render(): void {
    const partners = this.partners();
    if (!partners.some((city) => city.code === this.lendingCity)) {
      this.lendingCity = partners[0]?.code ?? "";
    }

    const lender = this.select("mutual-aid-city", this.lendingCity, partners.map((city) => [city.code, cityName(this.context.cities(), city.code)]));
    lender.addEventListener("change", () => {
      this.lendingCity = lender.value;
      this.aircraftId = "";
      this.render();
    });
    const category = this.select("mutual-aid-category", this.category, categories.map((value) => [value, at(`aid.category.${value}`)]));
    category.addEventListener("change", () => {
      this.category = category.value as AircraftCategory;
      this.aircraftId = "";
      this.render();
    });
    const choices = this.partnerAircraft();
    if (!choices.some(([id]) => id === this.aircraftId)) {
      this.aircraftId = "";
    }
    const aircraft = this.select("mutual-aid-aircraft", this.aircraftId, [["", at("aid.anyOf", { category: at(`aid.category.${this.category}`) })], ...choices]);
    aircraft.addEventListener("change", () => {
      this.aircraftId = aircraft.value;
      this.render();
    });
    const incident = this.select("mutual-aid-incident", this.incidentId, [["", at("aid.form.noIncident")], ...this.incidentChoices()]);
    incident.addEventListener("change", () => (this.incidentId = incident.value));
    const notes = element("input", { type: "text", maxlength: "2000", "data-testid": "mutual-aid-notes" });
    notes.value = this.notes;
    notes.addEventListener("input", () => (this.notes = notes.value));
    const submit = element("button", { type: "button", class: "primary", "data-testid": "mutual-aid-submit" }, [at("aid.form.submit")]);
    submit.addEventListener("click", () => void this.submit(submit));

    this.element.replaceChildren(
      ...present([
        this.field("aid.form.lendingCity", lender),
        // The category comes first because it filters the aircraft list. A
        // named aircraft is sent without it: the API rejects both together.
        this.field("aid.form.category", category),
        this.field("aid.form.aircraft", aircraft),
        this.field("aid.form.incident", incident),
        this.field("aid.form.notes", notes),
        submit,
        element("p", { class: "form-error", role: "alert", "data-testid": "mutual-aid-form-error" }, [this.error]),
      ]),
    );
  }

  private partners(): City[] {
    const own = currentPrincipal()?.city;
    return this.context.cities().filter((city) => city.active && city.code !== own);
  }

  // The partner's aircraft of the chosen category that could be lent now:
  // available and not on loan.
  private partnerAircraft(): Array<[string, string]> {
    const fleet = this.context.fleet();
    if (!fleet) {
      return [];
    }
    return fleet.aircraft
      .filter((plane) => plane.city === this.lendingCity && plane.status === "available" && !fleet.onLoan.has(plane.id))
      .filter((plane) => fleet.types.get(plane.typeId)?.category === this.category)
      .map((plane) => [String(plane.id), aircraftLabel(fleet, plane.id)]);
  }

  private incidentChoices(): Array<[string, string]> {
    return this.context.incidents().map((incident) => {
      const kind = translate(currentLanguage(), `kind.${incident.kind}` as DispatchMessageKey);
      return [String(incident.id), at("aid.incident", { id: incident.id, kind, priority: incident.priority })];
    });
  }

  private select(testId: string, value: string, options: Array<[string, string]>): HTMLSelectElement {
    const select = element(
      "select",
      { "data-testid": testId },
      options.map(([optionValue, label]) => element("option", { value: optionValue }, [label])),
    );
    select.value = value;
    return select;
  }

  private field(label: Parameters<typeof at>[0], control: HTMLElement): HTMLElement {
    return element("label", { class: "field" }, [element("span", {}, [at(label)]), control]);
  }

  private body(): NewRequest {
    const body: NewRequest = { lendingCity: this.lendingCity };
    if (this.aircraftId === "") {
      body.category = this.category;
    } else {
      body.aircraftId = Number(this.aircraftId);
    }
    if (this.incidentId !== "") {
      body.incidentId = Number(this.incidentId);
    }
    if (this.notes.trim() !== "") {
      body.notes = this.notes.trim();
    }
    return body;
  }

  private async submit(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const created = await this.context.create(this.body());
      this.error = "";
      this.aircraftId = "";
      this.incidentId = "";
      this.notes = "";
      this.context.applied(created);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.render();
  }
}
