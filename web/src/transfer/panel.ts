import L from "leaflet";

import { can } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { onLanguageChange, translateDom } from "../core/i18n.js";
import { ExportSection } from "./export-section.js";
import { ImportForm } from "./import-form.js";
import type { TransferKind } from "./kinds.js";
import "./transfer.css";

export interface TransferPanelOptions {
  token: string;
  // "api/v1" beside the page in the console.
  apiBase: string;
  // Redraws the asset layer of a kind after an import has committed.
  onImported(kind: TransferKind): void;
}

// The import and export panel as a Leaflet control, built when first opened.
class TransferPanel extends L.Control {
  // Null for roles that may not write assets, which see the downloads only.
  private readonly importForm: ImportForm | null;
  private readonly exportSection: ExportSection;
  private readonly root: HTMLElement;

  constructor(options: TransferPanelOptions, onClose: () => void) {
    super({ position: "topleft" });
    this.importForm = can("planning.edit") ? new ImportForm(options) : null;
    this.exportSection = new ExportSection(options);

    const close = element("button", { type: "button", class: "close-button", "data-i18n-aria-label": "transfer.close", "data-testid": "transfer-close" }, ["×"]);
    close.addEventListener("click", onClose);
    this.root = element("div", { class: "transfer-panel", "data-testid": "transfer-panel" }, [
      element("div", { class: "transfer-header" }, [element("h2", { class: "panel-heading", "data-i18n": "transfer.title" }), close]),
      this.importForm?.root,
      this.exportSection.root,
    ]);
    translateDom(this.root);
  }

  override onAdd(): HTMLElement {
    L.DomEvent.disableClickPropagation(this.root);
    L.DomEvent.disableScrollPropagation(this.root);
    return this.root;
  }

  languageChanged(): void {
    translateDom(this.root);
    this.importForm?.rerunForLanguage();
    this.exportSection.render();
  }
}

// Adds the 导入导出 button under the zoom buttons, which opens and closes
// the panel. The panel keeps its inputs and report while closed.
export function installTransferPanel(map: L.Map, options: TransferPanelOptions): void {
  let panel: TransferPanel | null = null;
  let open = false;

  const button = element("button", { type: "button", class: "transfer-toggle", "data-i18n": "transfer.open", "data-testid": "open-transfer", "aria-pressed": "false" });
  const toggle = () => {
    panel ??= new TransferPanel(options, toggle);
    open = !open;
    if (open) {
      panel.addTo(map);
    } else {
      panel.remove();
    }
    button.setAttribute("aria-pressed", String(open));
  };
  button.addEventListener("click", toggle);

  const control = new L.Control({ position: "topleft" });
  control.onAdd = () => {
    const bar = element("div", { class: "leaflet-bar transfer-bar" }, [button]);
    L.DomEvent.disableClickPropagation(bar);
    translateDom(bar);
    return bar;
  };
  control.addTo(map);

  onLanguageChange(() => {
    translateDom(button.parentElement ?? button);
    panel?.languageChanged();
  });
}
