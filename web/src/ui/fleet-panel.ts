import { element } from "../core/dom.js";
import { onLanguageChange, t, translateDom } from "../core/i18n.js";
import { typeName } from "../assets/catalog.js";
import { namesFor } from "../assets/popup.js";
import type { Aircraft, AircraftType, BaseProperties } from "../assets/types.js";
import { enumLabel } from "../assets/values.js";

export interface FleetData {
  aircraft: Aircraft[];
  typesById: Map<string, AircraftType>;
  basesById: Map<number, BaseProperties>;
  error: string | null;
}

// The fleet list: every aircraft with its type, status and home base.
// Clicking a row calls onSelect, which shows the aircraft or its base.
export class FleetPanel {
  private data: FleetData = { aircraft: [], typesById: new Map(), basesById: new Map(), error: null };
  private readonly panel: HTMLElement;

  constructor(
    private readonly container: HTMLElement,
    private readonly onSelect: (aircraft: Aircraft) => void,
  ) {
    this.panel = element("aside", { class: "fleet-panel", "data-testid": "fleet-panel", hidden: "" });
    container.append(this.panel);
    onLanguageChange(() => this.render());
  }

  setData(data: FleetData): void {
    this.data = data;
    this.render();
  }

  toggle(): void {
    this.panel.hidden = !this.panel.hidden;
    this.container.classList.toggle("fleet-open", !this.panel.hidden);
  }

  private render(): void {
    const close = element("button", { type: "button", class: "close-button", "data-i18n-aria-label": "fleet.close" }, ["×"]);
    close.addEventListener("click", () => this.toggle());

    const rows = this.data.aircraft.map((aircraft) => this.row(aircraft));
    const body = this.data.error
      ? element("p", { class: "form-error" }, [t("fleet.loadFailed", { message: this.data.error })])
      : rows.length === 0
        ? element("p", { class: "empty" }, [t("fleet.empty")])
        : element("ul", { class: "fleet-list" }, rows);

    this.panel.replaceChildren(
      element("header", { class: "panel-header" }, [
        element("h2", { class: "panel-heading", "data-i18n": "fleet.title" }),
        element("span", { class: "fleet-count" }, [t("fleet.count", { n: this.data.aircraft.length })]),
        close,
      ]),
      body,
    );
    translateDom(this.panel);
  }

  private row(aircraft: Aircraft): HTMLElement {
    const type = this.data.typesById.get(aircraft.typeId);
    const base = aircraft.homeBaseId ? this.data.basesById.get(aircraft.homeBaseId) : undefined;
    const status = aircraft.status ?? "off_duty";

    const button = element("button", { type: "button", class: "fleet-row", "data-registration": aircraft.registration }, [
      element("span", { class: "fleet-id" }, [
        element("strong", {}, [aircraft.registration]),
        aircraft.callsign ? element("span", { class: "fleet-callsign" }, [aircraft.callsign]) : null,
      ]),
      element("span", { class: `fleet-status status-${status}` }, [enumLabel("enum.status", status) ?? status]),
      element("span", { class: "fleet-meta" }, [
        element("span", { class: "fleet-type" }, [typeName(type) ?? aircraft.typeId]),
        element("span", { class: "fleet-base" }, [base ? namesFor(base.nameZh, base.nameEn).title : t("value.none")]),
      ]),
    ]);
    button.addEventListener("click", () => this.onSelect(aircraft));
    return element("li", {}, [button]);
  }
}
