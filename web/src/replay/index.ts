import L from "leaflet";

import { element } from "../core/dom.js";
import { onLanguageChange } from "../core/i18n.js";
import { rt } from "./i18n.js";
import { ReplayPanel, type ReplayOptions } from "./panel.js";
import "./replay.css";

// Adds the replay button and panel to the map, for every role (replay only
// reads).
export function mountReplay(options: ReplayOptions): ReplayPanel {
  const panel = new ReplayPanel(options);
  const Control = L.Control.extend({
    onAdd() {
      const button = element("button", { type: "button", class: "map-tool-button", "data-testid": "open-replay", "aria-pressed": "false" }, [rt("replay.open")]);
      button.addEventListener("click", () => button.setAttribute("aria-pressed", String(panel.toggle())));
      onLanguageChange(() => {
        button.textContent = rt("replay.open");
      });
      const container = element("div", { class: "leaflet-bar map-tools replay-control" }, [button, panel.element]);
      L.DomEvent.disableClickPropagation(container);
      L.DomEvent.disableScrollPropagation(container);
      return container;
    },
  });
  new Control({ position: "bottomleft" }).addTo(options.map);
  return panel;
}
