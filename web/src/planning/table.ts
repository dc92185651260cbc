import { element } from "../core/dom.js";
import { currentLanguage } from "../core/i18n.js";
import { pt } from "./i18n.js";

export interface TableActions {
  onSelect(feature: GeoJSON.Feature): void;
  onEdit(feature: GeoJSON.Feature): void;
  onDelete(feature: GeoJSON.Feature): void;
  // Builds the row's "History" button, or returns null for roles that may not read the audit log.
  historyButton?(feature: GeoJSON.Feature): HTMLElement | null;
}

// The name shown for a record: Chinese in the Chinese console, the English
// name in the English one when there is one.
export function displayName(properties: GeoJSON.GeoJsonProperties): string {
  const nameZh = String(properties?.nameZh ?? "");
  const nameEn = properties?.nameEn ? String(properties.nameEn) : "";
  return currentLanguage() === "en" && nameEn ? nameEn : nameZh;
}

function matches(feature: GeoJSON.Feature, query: string): boolean {
  if (query === "") {
    return true;
  }
  const p = feature.properties ?? {};
  const haystack = [p.nameZh, p.nameEn, p.code].filter((value) => typeof value === "string").join(" ").toLowerCase();
  return haystack.includes(query.toLowerCase());
}

function actionButton(key: "planning.edit" | "planning.delete", testId: string, action: () => void): HTMLButtonElement {
  const button = element("button", { type: "button", class: "planning-action", "data-testid": testId }, [pt(key)]);
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    action();
  });
  return button;
}

// Renders the records of one kind whose name contains the query, with a
// click on a row to zoom to it and buttons to edit or delete it.
export function renderTable(features: GeoJSON.Feature[], query: string, actions: TableActions): HTMLElement {
  const shown = features.filter((feature) => matches(feature, query.trim()));
  shown.sort((a, b) => displayName(a.properties).localeCompare(displayName(b.properties), currentLanguage()));

  const rows = shown.map((feature) => {
    const id = String(feature.properties?.id ?? feature.id);
    const row = element("tr", { class: "planning-row", "data-testid": `planning-row-${id}`, tabindex: "0" }, [
      element("td", { class: "planning-name" }, [displayName(feature.properties)]),
      element("td", { class: "planning-actions" }, [
        actionButton("planning.edit", `edit-${id}`, () => actions.onEdit(feature)),
        actionButton("planning.delete", `delete-${id}`, () => actions.onDelete(feature)),
        actions.historyButton?.(feature) ?? null,
      ]),
    ]);
    row.addEventListener("click", () => actions.onSelect(feature));
    row.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        actions.onSelect(feature);
      }
    });
    return row;
  });

  const count = element("p", { class: "planning-count", "data-testid": "planning-count" }, [pt("planning.count", { count: shown.length })]);
  if (rows.length === 0) {
    return element("div", {}, [count, element("p", { class: "empty" }, [pt("planning.empty")])]);
  }
  return element("div", {}, [count, element("table", { class: "planning-table", "data-testid": "planning-table" }, [element("tbody", {}, rows)])]);
}
