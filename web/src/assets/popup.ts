import type L from "leaflet";

import { assetHistoryButton } from "../audit/index.js";
import { element } from "../core/dom.js";
import { currentLanguage, t, type MessageKey } from "../core/i18n.js";

import { layerPanelWidthPx } from "../map/setup.js";

// Popup options shared by every layer: a popup that opens near the right
// edge pans the map until it clears the layer panel.
export const popupOptions: L.PopupOptions = {
  maxWidth: 340,
  minWidth: 220,
  maxHeight: 380,
  autoPanPaddingTopLeft: [16, 16],
  autoPanPaddingBottomRight: [layerPanelWidthPx + 28, 16],
};

export type PopupRow = [label: MessageKey, value: string | Node | null | undefined];

export interface PopupContent {
  nameZh: string;
  nameEn?: string | null;
  kindLabel: string;
  badges?: string[];
  synthetic?: boolean;
  rows: PopupRow[];
}

// Returns the name in the current language and, as a subtitle, the other one.
export function namesFor(nameZh: string, nameEn: string | null | undefined): { title: string; subtitle: string | null } {
  if (currentLanguage() === "en" && nameEn) {
    return { title: nameEn, subtitle: nameZh };
  }
  return { title: nameZh, subtitle: nameEn ?? null };
}

// Builds a feature's popup: its name in both languages, its kind, warning
// badges, the synthetic-data flag, and a table of translated fields. Rows
// whose value is null or empty are left out.
export function renderPopup(content: PopupContent): HTMLElement {
  const { title, subtitle } = namesFor(content.nameZh, content.nameEn);
  const badges = [...(content.badges ?? [])];

  const table = element("table", { class: "popup-fields" });
  for (const [label, value] of content.rows) {
    if (value === null || value === undefined || value === "") {
      continue;
    }
    table.append(element("tr", {}, [element("th", { scope: "row" }, [t(label)]), element("td", {}, [value])]));
  }

  return element("div", { class: "asset-popup" }, [
    element("div", { class: "popup-kind" }, [content.kindLabel]),
    element("h3", { class: "popup-title" }, [title]),
    subtitle ? element("div", { class: "popup-subtitle" }, [subtitle]) : null,
    content.synthetic ? element("div", { class: "badge badge-synthetic" }, [t("popup.synthetic")]) : null,
    ...badges.map((badge) => element("div", { class: "badge badge-warning" }, [badge])),
    table,
  ]);
}

// Appends the "History" button of an asset to its popup, for roles that may
// read the audit log. path is the asset's API path, such as "/landing-points".
export function withHistoryButton(popup: HTMLElement, path: string, feature: GeoJSON.Feature): HTMLElement {
  const button = assetHistoryButton(path, feature);
  if (button) {
    popup.append(element("div", { class: "popup-actions" }, [button]));
  }
  return popup;
}
