import type L from "leaflet";

import { can } from "./core/capabilities.js";
import { currentLanguage, onLanguageChange } from "./core/i18n.js";
import { installCoverageLayer, type CoverageLayer } from "./coverage/index.js";
import { installDispatchPanel, type DispatchPanel } from "./dispatch/index.js";
import type { LiveMessages } from "./live/feed.js";

// The coverage layer and the dispatch desk panel, each built in its own
// folder, opened and closed from the header. Both follow the console's
// language; their language listeners are dropped when they close.
export class OptionalPanels {
  private coverage: { layer: CoverageLayer; stopListening: Array<() => void> } | null = null;
  private dispatch: { panel: DispatchPanel; stopListening: Array<() => void> } | null = null;

  constructor(
    private readonly map: L.Map,
    private readonly token: string,
    private readonly liveFeed: LiveMessages,
    private readonly beforeOpen: () => void,
  ) {}

  // Returns whether the coverage layer is open afterwards.
  toggleCoverage(): boolean {
    if (this.coverage) {
      this.coverage.layer.remove();
      this.coverage.stopListening.forEach((stop) => stop());
      this.coverage = null;
      return false;
    }

    this.beforeOpen();
    const stopListening: Array<() => void> = [];
    const layer = installCoverageLayer(this.map, {
      token: this.token,
      language: currentLanguage,
      onLanguageChange: (listener) => stopListening.push(onLanguageChange(listener)),
      apiBase: "api/v1",
      position: "topleft",
      planner: can("coverage.whatIf"),
    });
    this.coverage = { layer, stopListening };
    return true;
  }

  // Returns whether the dispatch panel is open afterwards.
  toggleDispatch(): boolean {
    if (this.dispatch) {
      this.dispatch.panel.close();
      this.dispatch.stopListening.forEach((stop) => stop());
      this.dispatch = null;
      return false;
    }

    this.beforeOpen();
    const stopListening: Array<() => void> = [];
    const panel = installDispatchPanel(this.map, {
      token: this.token,
      language: currentLanguage,
      onLanguageChange: (listener) => stopListening.push(onLanguageChange(listener)),
      apiBase: "api/v1",
      live: this.liveFeed,
      can,
      alertSound: false,
    });
    this.dispatch = { panel, stopListening };
    return true;
  }
}
