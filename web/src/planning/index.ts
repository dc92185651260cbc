import L from "leaflet";

import { can } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { onLanguageChange } from "../core/i18n.js";
import { pt } from "./i18n.js";
import { PlanningPanel, type PlanningOptions } from "./panel.js";
import "./planning.css";

// Adds the planning button to the map for a role that may write assets,
// and does nothing for other roles. Call it after the principal is set.
export function mountPlanning(options: PlanningOptions): PlanningPanel | null {
  if (!can("planning.edit")) {
    return null;
  }

  const panel = new PlanningPanel(options);
  const Control = L.Control.extend({
    onAdd() {
      const button = element("button", { type: "button", class: "map-tool-button", "data-testid": "open-planning", "aria-pressed": "false" }, [pt("planning.open")]);
      L.DomEvent.disableClickPropagation(button);
      button.addEventListener("click", () => button.setAttribute("aria-pressed", String(panel.toggle())));
      onLanguageChange(() => {
        button.textContent = pt("planning.open");
      });
      return element("div", { class: "leaflet-bar map-tools" }, [button]);
    },
  });
  new Control({ position: "topright" }).addTo(options.map);
  return panel;
}
