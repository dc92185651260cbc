import L from "leaflet";

import { CoverageApi } from "./api.js";
import { el, formatShare } from "./dom.js";
import { legendBands, unreachableColour } from "./heatmap.js";
import { translate, type CoverageLanguage, type CoverageMessageKey } from "./i18n.js";
import { CoverageMapLayers, type LayerVisibility } from "./map-layers.js";
import { PlannerSection } from "./planner.js";
import type { CoverageResponse } from "./types.js";
import "./coverage.css";

export interface CoverageLayerOptions {
  token: string;
  // The console's current language and its change notifications.
  language: () => CoverageLanguage;
  onLanguageChange?: (listener: () => void) => void;
  // Default "api/v1" beside the page.
  apiBase?: string;
  // Response-time target in minutes; the city plan's 2 hours by default.
  targetMin?: number;
  // Shows the what-if form; scenarios need a planner or admin token.
  planner?: boolean;
  position?: L.ControlPosition;
}

export interface CoverageLayer {
  refresh(): Promise<void>;
  remove(): void;
}

/**
 * Installs the coverage layer on the map. It draws the response-time heat
 * map with its legend in minutes, the isochrones and the unreached parts of
 * the city, lists the shares per county and risk area, and offers a
 * planner's what-if form whose gained and lost areas it draws over the map.
 */
export function installCoverageLayer(map: L.Map, options: CoverageLayerOptions): CoverageLayer {
  const tr = (key: CoverageMessageKey, params?: Record<string, string | number>) => translate(options.language(), key, params);
  const api = new CoverageApi(options.apiBase ?? "api/v1", options.token, options.language);
  const layers = new CoverageMapLayers(map, (minutes) => tr("coverage.isochrone", { minutes }));
  const view = new CoverageView(tr, options.language, options.targetMin ?? 120);
  let last: CoverageResponse | null = null;

  const showError = (error: unknown) => {
    view.error.textContent = tr("coverage.error", { message: error instanceof Error ? error.message : String(error) });
    view.error.hidden = false;
    console.warn("coverage layer:", error);
  };

  const refresh = async () => {
    view.setLoading(true);
    view.error.hidden = true;
    try {
      last = await api.get<CoverageResponse>("/coverage", view.query());
      layers.showCoverage(last, view.visibility());
      layers.clearDifference();
      view.showShares(last);
    } catch (error) {
      showError(error);
    } finally {
      view.setLoading(false);
    }
  };

  const planner = new PlannerSection({
    api,
    map,
    tr,
    language: options.language,
    requestOptions: () => view.bodyOptions(),
    onResult: (scenario) => layers.showDifference(scenario),
    onClear: () => layers.clearDifference(),
    showError,
  });
  if (options.planner ?? true) {
    view.root.append(planner.root);
    planner.load().catch(showError);
  }

  view.onRefresh(() => void refresh());
  view.onVisibilityChange(() => layers.setVisibility(view.visibility()));

  const control = new L.Control({ position: options.position ?? "topleft" });
  control.onAdd = () => {
    L.DomEvent.disableClickPropagation(view.root);
    L.DomEvent.disableScrollPropagation(view.root);
    return view.root;
  };
  control.addTo(map);

  const renderAll = () => {
    view.render();
    planner.render();
    if (last !== null) {
      view.showShares(last);
    }
  };
  renderAll();
  options.onLanguageChange?.(renderAll);
  void refresh();

  return {
    refresh,
    remove: () => {
      planner.detach();
      control.remove();
      layers.remove();
    },
  };
}

type Translate = (key: CoverageMessageKey, params?: Record<string, string | number>) => string;

// The panel's own controls, legend and shares.
class CoverageView {
  readonly root = el("div", { class: "coverage-panel", "data-testid": "coverage-panel" });
  readonly error = el("p", { class: "coverage-error", role: "alert", "data-testid": "coverage-error" });
  private readonly title = el("h3");
  private readonly target = el("input", { type: "number", min: "1", max: "1440", "data-testid": "coverage-target" });
  private readonly cellSize = el("select", { "data-testid": "coverage-cell" }, [el("option", { value: "2000" }), el("option", { value: "1000" })]);
  private readonly cities = el("select", { "data-testid": "coverage-cities" }, [el("option", { value: "own" }), el("option", { value: "all" })]);
  // "now" lets the server decide by civil twilight at the current time.
  private readonly daylight = el("select", { "data-testid": "coverage-daylight" }, [
    el("option", { value: "now" }),
    el("option", { value: "day" }),
    el("option", { value: "night" }),
  ]);
  private readonly refreshButton = el("button", { type: "button", "data-testid": "coverage-refresh" });
  private readonly toggles = {
    heatmap: el("input", { type: "checkbox", checked: "", "data-testid": "coverage-toggle-heatmap" }),
    isochrones: el("input", { type: "checkbox", checked: "", "data-testid": "coverage-toggle-isochrones" }),
    gaps: el("input", { type: "checkbox", checked: "", "data-testid": "coverage-toggle-gaps" }),
  };
  private readonly legend = el("div", { class: "coverage-legend", "data-testid": "coverage-legend" });
  private readonly shares = el("div", { class: "coverage-shares", "data-testid": "coverage-shares" });
  private readonly labels = new Map<HTMLElement, CoverageMessageKey>();

  constructor(
    private readonly tr: Translate,
    private readonly language: () => CoverageLanguage,
    targetMin: number,
  ) {
    this.target.value = String(targetMin);
    this.error.hidden = true;
    this.root.append(
      this.title,
      this.field("coverage.target", this.target),
      this.field("coverage.cellSize", this.cellSize),
      this.field("coverage.cities", this.cities),
      this.field("coverage.daylight", this.daylight),
      this.refreshButton,
      this.field("coverage.showHeatmap", this.toggles.heatmap),
      this.field("coverage.showIsochrones", this.toggles.isochrones),
      this.field("coverage.showGaps", this.toggles.gaps),
      this.legend,
      this.shares,
      this.error,
    );
  }

  onRefresh(listener: () => void): void {
    this.refreshButton.addEventListener("click", listener);
  }

  onVisibilityChange(listener: () => void): void {
    Object.values(this.toggles).forEach((toggle) => toggle.addEventListener("change", listener));
  }

  visibility(): LayerVisibility {
    return { heatmap: this.toggles.heatmap.checked, isochrones: this.toggles.isochrones.checked, gaps: this.toggles.gaps.checked };
  }

  query(): Record<string, string | number | boolean> {
    const night = this.nightOption();
    return { ...this.commonOptions(), ...(night === null ? {} : { night }) };
  }

  bodyOptions(): Record<string, unknown> {
    const night = this.nightOption();
    return { ...this.commonOptions(), ...(night === null ? {} : { night }) };
  }

  private commonOptions() {
    return { targetMin: Number(this.target.value), cellSizeM: Number(this.cellSize.value), cities: this.cities.value };
  }

  private nightOption(): boolean | null {
    return this.daylight.value === "now" ? null : this.daylight.value === "night";
  }

  setLoading(loading: boolean): void {
    this.refreshButton.disabled = loading;
    this.refreshButton.textContent = this.tr(loading ? "coverage.loading" : "coverage.refresh");
    this.root.dataset.loading = String(loading);
  }

  render(): void {
    this.title.textContent = this.tr("coverage.title");
    for (const [label, key] of this.labels) {
      label.textContent = this.tr(key);
    }
    this.cellSize.options[0]!.textContent = this.tr("coverage.cellSize2000");
    this.cellSize.options[1]!.textContent = this.tr("coverage.cellSize1000");
    this.cities.options[0]!.textContent = this.tr("coverage.citiesOwn");
    this.cities.options[1]!.textContent = this.tr("coverage.citiesAll");
    this.daylight.options[0]!.textContent = this.tr("coverage.daylightNow");
    this.daylight.options[1]!.textContent = this.tr("coverage.daylightDay");
    this.daylight.options[2]!.textContent = this.tr("coverage.daylightNight");
    this.refreshButton.textContent = this.tr(this.root.dataset.loading === "true" ? "coverage.loading" : "coverage.refresh");
    this.renderLegend();
  }

  showShares(coverage: CoverageResponse): void {
    const { shares } = coverage;
    const target = shares.targetMin;
    const english = this.language() === "en";
    const name = (entry: { nameZh: string; nameEn: string | null }) => (english ? (entry.nameEn ?? entry.nameZh) : entry.nameZh);
    const bar = (share: number) => el("span", { class: "coverage-bar", style: `width: ${Math.round(share * 100)}%` });

    this.shares.replaceChildren(
      el("p", { "data-testid": "coverage-city-share" }, [this.tr("coverage.cityShare", { target, share: formatShare(shares.city.shareOfArea) })]),
      el("p", { "data-testid": "coverage-risk-share" }, [
        this.tr("coverage.riskShare", { share: formatShare(shares.riskAreasTotal.riskWeightedShare) }),
      ]),
      el("p", { "data-testid": "coverage-gap-area" }, [this.tr("coverage.gapArea", { area: Math.round(coverage.gaps.areaKm2) })]),
      el("details", {}, [
        el("summary", {}, [this.tr("coverage.counties")]),
        el(
          "ul",
          { "data-testid": "coverage-counties" },
          shares.counties.map((county) => el("li", {}, [`${name(county)} ${formatShare(county.shareOfArea)}`, bar(county.shareOfArea)])),
        ),
      ]),
      el("details", {}, [
        el("summary", {}, [this.tr("coverage.riskAreas")]),
        el(
          "ul",
          { "data-testid": "coverage-risk-areas" },
          shares.riskAreas.map((area) => el("li", {}, [`${name(area)} ${formatShare(area.shareOfArea)}`, bar(area.shareOfArea)])),
        ),
      ]),
    );
    this.legend.dataset.targetMin = String(target);
    this.renderLegend();
  }

  private renderLegend(): void {
    const swatch = (colour: [number, number, number]) => el("span", { class: "coverage-swatch", style: `background: rgb(${colour.join(",")})` });
    let lower = 0;
    const items = legendBands.map((band) => {
      const text = Number.isFinite(band.upToMin) ? `${lower}–${band.upToMin}` : `> ${lower}`;
      lower = Number.isFinite(band.upToMin) ? band.upToMin : lower;
      return el("li", {}, [swatch(band.colour), text]);
    });
    const target = Number(this.legend.dataset.targetMin ?? this.target.value);
    this.legend.replaceChildren(
      el("h4", {}, [this.tr("coverage.legend")]),
      el("ul", {}, [
        ...items,
        el("li", {}, [swatch(unreachableColour), this.tr("coverage.legendUnreachable")]),
        el("li", {}, [el("span", { class: "coverage-swatch coverage-swatch-gap" }), this.tr("coverage.legendGap", { target })]),
      ]),
    );
  }

  private field(key: CoverageMessageKey, input: HTMLElement): HTMLElement {
    const label = el("span");
    this.labels.set(label, key);
    return el("label", { class: "coverage-field" }, [label, input]);
  }
}
