import L from "leaflet";

import { element } from "../core/dom.js";
import { onLanguageChange, t, translateDom, type MessageKey } from "../core/i18n.js";
import type { LegendEntry } from "../assets/catalog.js";
import { areaSwatch, airportSymbol, lineSwatch } from "../assets/symbols.js";
import { baseStyle } from "../map/base-map.js";

export interface PanelLayer {
  id: string;
  titleKey: MessageKey;
  layer: L.Layer;
  legend: LegendEntry[];
  // Features drawn; null while loading.
  count: () => number | null;
  // The message for the count, with the measure word the count takes in
  // Chinese (处 for places, 架 for aircraft).
  countKey: MessageKey;
  error: () => string | null;
  visible: boolean;
}

// The layer control and legend in one panel: a checkbox per overlay with
// its feature count, the overlay's symbols below it, and the base map's
// symbols at the end. Re-rendered on language change.
export class LayerPanel extends L.Control {
  private container: HTMLElement | null = null;
  private readonly layers: PanelLayer[] = [];
  private map: L.Map | null = null;
  // Collapsed, the panel shows only the checkboxes and counts, which leaves
  // room for the map; it starts so on screens less than 1200 px wide.
  private collapsed = window.innerWidth < 1200;

  constructor() {
    super({ position: "topright" });
    onLanguageChange(() => this.render());
  }

  override onAdd(map: L.Map): HTMLElement {
    this.map = map;
    this.container = element("section", { class: "layer-panel", "data-testid": "layer-panel" });
    L.DomEvent.disableClickPropagation(this.container);
    L.DomEvent.disableScrollPropagation(this.container);
    this.render();
    return this.container;
  }

  setCollapsed(collapsed: boolean): void {
    this.collapsed = collapsed;
    this.render();
  }

  addOverlay(entry: PanelLayer): void {
    this.layers.push(entry);
    if (entry.visible && this.map) {
      entry.layer.addTo(this.map);
    }
    this.render();
  }

  render(): void {
    if (!this.container) {
      return;
    }

    const list = element("div", { class: "layer-list" });
    for (const entry of this.layers) {
      list.append(this.renderOverlay(entry));
    }

    const heading = element("button", { type: "button", class: "panel-heading panel-toggle", "aria-expanded": String(!this.collapsed), "data-testid": "layer-panel-toggle" }, [
      t("layers.title"),
    ]);
    heading.addEventListener("click", () => {
      this.collapsed = !this.collapsed;
      this.render();
    });
    this.container.classList.toggle("collapsed", this.collapsed);

    this.container.replaceChildren(
      element("h2", { class: "panel-title" }, [heading]),
      list,
      element("div", { class: "layer-group base-legend" }, [
        element("div", { class: "layer-row" }, [element("span", { class: "layer-name", "data-i18n": "layers.baseMap" })]),
        legendList(baseMapLegend()),
      ]),
    );
    translateDom(this.container);
  }

  // Updates the feature counts only, for layers whose count changes often
  // (live aircraft), so that a click on a checkbox is never lost to a re-render.
  refreshCounts(): void {
    for (const entry of this.layers) {
      const count = this.container?.querySelector(`[data-testid="count-${entry.id}"]`);
      if (count) {
        count.textContent = this.countText(entry);
      }
    }
  }

  private countText(entry: PanelLayer): string {
    const count = entry.count();
    if (entry.error()) {
      return t("layers.failed");
    }
    if (count === null) {
      return t("layers.loading");
    }
    return t(entry.countKey, { n: count });
  }

  private renderOverlay(entry: PanelLayer): HTMLElement {
    const checkbox = element("input", { type: "checkbox", "data-testid": `toggle-${entry.id}` });
    checkbox.checked = entry.visible;
    checkbox.addEventListener("change", () => this.setVisible(entry, checkbox.checked));

    const error = entry.error();

    return element("div", { class: `layer-group${entry.visible ? "" : " layer-hidden"}`, "data-layer": entry.id }, [
      element("label", { class: "layer-row" }, [
        checkbox,
        element("span", { class: "layer-name" }, [t(entry.titleKey)]),
        element("span", { class: `layer-count${error ? " layer-error" : ""}`, "data-testid": `count-${entry.id}`, title: error ?? "" }, [this.countText(entry)]),
      ]),
      legendList(entry.legend),
    ]);
  }

  private setVisible(entry: PanelLayer, visible: boolean): void {
    entry.visible = visible;
    if (!this.map) {
      return;
    }
    if (visible) {
      entry.layer.addTo(this.map);
    } else {
      entry.layer.remove();
    }
    this.render();
  }
}

function legendList(entries: LegendEntry[]): HTMLElement {
  const list = element("ul", { class: "legend" });
  for (const entry of entries) {
    const swatch = element("span", { class: "legend-swatch" });
    swatch.innerHTML = entry.swatch;
    list.append(element("li", {}, [swatch, element("span", {}, [entry.label()])]));
  }
  return list;
}

function baseMapLegend(): LegendEntry[] {
  return [
    { swatch: lineSwatch(baseStyle.cityLine, 2.2), label: () => t("legend.city") },
    { swatch: lineSwatch(baseStyle.countyLine, 1.2, "5 3"), label: () => t("legend.county") },
    { swatch: areaSwatch(baseStyle.neighbourFill, 1, baseStyle.neighbourLine), label: () => t("legend.neighbour") },
    { swatch: lineSwatch(baseStyle.river, 2.6), label: () => t("legend.river") },
    { swatch: airportSymbol(false), label: () => t("legend.airport") },
    { swatch: airportSymbol(true), label: () => t("legend.gaAirport") },
  ];
}
