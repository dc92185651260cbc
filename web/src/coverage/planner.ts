import type L from "leaflet";

import type { CoverageApi } from "./api.js";
import { el, formatDelta, formatShare } from "./dom.js";
import type { CoverageLanguage, CoverageMessageKey } from "./i18n.js";
import type { AircraftItem, AircraftType, BaseFeature, ScenarioResponse } from "./types.js";

// The planner's what-if form: one change (close a base, send an aircraft to
// maintenance, add a base with one aircraft at a map click, or set the
// wind), run against today's coverage, with the difference shown.

type Translate = (key: CoverageMessageKey, params?: Record<string, string | number>) => string;

export interface PlannerContext {
  api: CoverageApi;
  map: L.Map;
  tr: Translate;
  language: () => CoverageLanguage;
  // The request options the coverage view uses, so both sides match.
  requestOptions: () => Record<string, unknown>;
  onResult: (scenario: ScenarioResponse) => void;
  onClear: () => void;
  showError: (error: unknown) => void;
}

const operations = ["close_base", "set_aircraft_status", "add_base", "set_wind"] as const;
type Operation = (typeof operations)[number];

const operationLabels: Record<Operation, CoverageMessageKey> = {
  close_base: "coverage.opCloseBase",
  set_aircraft_status: "coverage.opMaintenance",
  add_base: "coverage.opAddBase",
  set_wind: "coverage.opWind",
};

export class PlannerSection {
  readonly root = el("section", { class: "coverage-planner", "data-testid": "coverage-planner" });
  private readonly title = el("h4");
  private readonly operation = el("select", { "data-testid": "coverage-op" });
  private readonly base = el("select", { "data-testid": "coverage-base" });
  private readonly aircraft = el("select", { "data-testid": "coverage-aircraft" });
  private readonly type = el("select", { "data-testid": "coverage-type" });
  private readonly picked = el("p", { "data-testid": "coverage-picked" });
  private readonly windFrom = el("input", { type: "number", min: "0", max: "360", value: "270", "data-testid": "coverage-wind-from" });
  private readonly windSpeed = el("input", { type: "number", min: "0", max: "150", value: "60", "data-testid": "coverage-wind-speed" });
  private readonly run = el("button", { type: "button", "data-testid": "coverage-run" });
  private readonly clear = el("button", { type: "button", "data-testid": "coverage-clear" });
  private readonly result = el("div", { class: "coverage-difference", "data-testid": "coverage-difference" });
  private readonly labels = new Map<HTMLElement, CoverageMessageKey>();
  private pickedLonLat: [number, number] | null = null;
  private loaded: { bases: BaseFeature[]; types: AircraftType[] } = { bases: [], types: [] };
  private lastResult: ScenarioResponse | null = null;

  constructor(private readonly context: PlannerContext) {
    for (const op of operations) {
      this.operation.append(el("option", { value: op }));
    }
    this.root.append(
      this.title,
      this.field("coverage.op", this.operation),
      this.field("coverage.base", this.base),
      this.field("coverage.aircraft", this.aircraft),
      this.field("coverage.aircraftType", this.type),
      this.picked,
      this.field("coverage.windFrom", this.windFrom),
      this.field("coverage.windSpeed", this.windSpeed),
      el("div", { class: "coverage-buttons" }, [this.run, this.clear]),
      this.result,
    );

    this.operation.addEventListener("change", () => this.showFields());
    this.run.addEventListener("click", () => void this.runScenario());
    this.clear.addEventListener("click", () => {
      this.lastResult = null;
      this.render();
      context.onClear();
    });
    context.map.on("click", this.pickPosition);
  }

  /** Stops listening to map clicks; the layer calls this when it is removed. */
  detach(): void {
    this.context.map.off("click", this.pickPosition);
  }

  private readonly pickPosition = (event: L.LeafletMouseEvent) => {
    if (this.operation.value === "add_base") {
      this.pickedLonLat = [Math.round(event.latlng.lng * 1e4) / 1e4, Math.round(event.latlng.lat * 1e4) / 1e4];
      this.render();
    }
  };

  /** Fills the base, aircraft and type lists from the registry. */
  async load(): Promise<void> {
    const [bases, aircraft, types] = await Promise.all([
      this.context.api.get<{ features: BaseFeature[] }>("/bases"),
      this.context.api.get<{ items: AircraftItem[] }>("/aircraft", { limit: 1000 }),
      this.context.api.get<{ items: AircraftType[] }>("/aircraft-types", { limit: 1000 }),
    ]);

    this.base.replaceChildren(...bases.features.map((base) => el("option", { value: base.properties.code })));
    this.aircraft.replaceChildren(
      ...aircraft.items
        .filter((item) => item.status === "available")
        .map((item) => el("option", { value: String(item.id) }, [`${item.registration} (${item.typeId})`])),
    );
    this.type.replaceChildren(...types.items.map((type) => el("option", { value: type.id })));
    this.loaded = { bases: bases.features, types: types.items };
    this.renderNames();
  }

  // Base and type names follow the language; English falls back to the code or the type's name.
  private renderNames(): void {
    const english = this.context.language() === "en";
    const basesByCode = new Map(this.loaded.bases.map((base) => [base.properties.code, base.properties]));
    const typesById = new Map(this.loaded.types.map((type) => [type.id, type]));

    for (const option of this.base.options) {
      const base = basesByCode.get(option.value);
      const name = english ? (base?.nameEn ?? "") : (base?.nameZh ?? "");
      option.textContent = `${option.value} ${name}`.trim();
    }
    for (const option of this.type.options) {
      const type = typesById.get(option.value);
      option.textContent = english ? (type?.name ?? option.value) : (type?.nameZh ?? type?.name ?? option.value);
    }
  }

  render(): void {
    const tr = this.context.tr;
    this.title.textContent = tr("coverage.planner");
    for (const [label, key] of this.labels) {
      label.textContent = tr(key);
    }
    [...this.operation.options].forEach((option) => {
      option.textContent = tr(operationLabels[option.value as Operation]);
    });
    this.run.textContent = tr("coverage.run");
    this.clear.textContent = tr("coverage.clearScenario");
    this.picked.textContent =
      this.pickedLonLat === null ? tr("coverage.pickHint") : tr("coverage.picked", { lon: this.pickedLonLat[0], lat: this.pickedLonLat[1] });
    this.renderNames();
    this.showFields();
    this.renderResult();
  }

  private field(key: CoverageMessageKey, input: HTMLElement): HTMLElement {
    const label = el("span");
    this.labels.set(label, key);
    return el("label", { class: "coverage-field" }, [label, input]);
  }

  private showFields(): void {
    const op = this.operation.value as Operation;
    const show = (input: HTMLElement, visible: boolean) => {
      input.parentElement!.hidden = !visible;
    };
    show(this.base, op === "close_base");
    show(this.aircraft, op === "set_aircraft_status");
    show(this.type, op === "add_base");
    this.picked.hidden = op !== "add_base";
    show(this.windFrom, op === "set_wind");
    show(this.windSpeed, op === "set_wind");
  }

  private changes(): unknown[] {
    switch (this.operation.value as Operation) {
      case "close_base":
        return [{ op: "close_base", baseCode: this.base.value }];
      case "set_aircraft_status":
        return [{ op: "set_aircraft_status", aircraftId: Number(this.aircraft.value), status: "maintenance" }];
      case "add_base":
        return [
          { op: "add_base", code: "WHAT-IF", lonLat: this.pickedLonLat ?? [0, 0] },
          { op: "add_aircraft", typeId: this.type.value, baseCode: "WHAT-IF" },
        ];
      case "set_wind":
        return [{ op: "set_wind", windFromDeg: Number(this.windFrom.value), windSpeedKmh: Number(this.windSpeed.value) }];
    }
  }

  private async runScenario(): Promise<void> {
    this.run.disabled = true;
    try {
      const body = { ...this.context.requestOptions(), changes: this.changes() };
      this.lastResult = await this.context.api.post<ScenarioResponse>("/coverage/scenarios", body);
      this.renderResult();
      this.context.onResult(this.lastResult);
    } catch (error) {
      this.context.showError(error);
    } finally {
      this.run.disabled = false;
    }
  }

  private renderResult(): void {
    const result = this.lastResult;
    this.result.replaceChildren();
    if (result === null) {
      return;
    }

    const tr = this.context.tr;
    const { city, gained, lost, counties } = result.difference;
    const english = this.context.language() === "en";
    this.result.dataset.delta = String(city.delta);
    this.result.append(
      el("p", { "data-testid": "coverage-difference-city" }, [
        tr("coverage.difference", { before: formatShare(city.before), after: formatShare(city.after), delta: formatDelta(city.delta) }),
      ]),
      el("p", { class: "coverage-gained" }, [tr("coverage.gained", { area: Math.round(gained.areaKm2) })]),
      el("p", { class: "coverage-lost" }, [tr("coverage.lost", { area: Math.round(lost.areaKm2) })]),
      el(
        "ul",
        { "data-testid": "coverage-difference-counties" },
        counties
          .filter((county) => county.delta !== 0)
          .map((county) => el("li", {}, [`${english ? (county.nameEn ?? county.nameZh) : county.nameZh}: ${formatDelta(county.delta)}`])),
      ),
    );
  }
}
