import { t } from "../core/i18n.js";
import type { LegendEntry } from "../assets/catalog.js";
import { aircraftGlyph } from "./icons.js";

// Legend entries for live aircraft; the classes give the same colours as
// the markers (styles/map.css).
export function aircraftLegend(): LegendEntry[] {
  const swatch = (classes: string) => `<span class="ac ${classes}"><span class="ac-glyph">${aircraftGlyph("fixed_wing")}</span></span>`;
  return [
    { swatch: swatch("ac-fleet"), label: () => t("legend.fleet") },
    { swatch: swatch("ac-traffic"), label: () => t("legend.traffic") },
    { swatch: swatch("ac-traffic ac-stale"), label: () => t("legend.stale") },
  ];
}
