import { element } from "../core/dom.js";
import { t } from "../core/i18n.js";
import { downloadExport } from "./api.js";
import { formatLabels, transferKinds, type TransferKind, type TransferFormat } from "./kinds.js";

export interface ExportSectionOptions {
  apiBase: string;
  token: string;
}

// Download buttons per layer: one row per asset kind with the formats its
// geometry fits. Any signed-in role may download.
export class ExportSection {
  readonly root: HTMLElement;
  private readonly rows = element("div", { class: "transfer-exports" });
  private readonly errorLine = element("p", { class: "transfer-message transfer-error", role: "alert", "data-testid": "transfer-download-error" });
  private lastError: string | null = null;

  constructor(private readonly options: ExportSectionOptions) {
    this.root = element("section", { class: "transfer-section", "data-testid": "transfer-export" }, [
      element("h3", { "data-i18n": "transfer.export" }),
      this.rows,
      this.errorLine,
    ]);
    this.render();
  }

  render(): void {
    this.rows.replaceChildren(...transferKinds.map((kind) => this.renderKind(kind)));
    this.renderError();
  }

  private renderError(): void {
    this.errorLine.hidden = this.lastError === null;
    this.errorLine.textContent = this.lastError ? t("transfer.downloadFailed", { message: this.lastError }) : "";
  }

  private renderKind(kind: TransferKind): HTMLElement {
    const buttons = kind.exportFormats.map((format) => this.downloadButton(kind, format));
    return element("div", { class: "transfer-export-row", "data-kind": kind.path }, [
      element("span", { class: "transfer-export-name" }, [t(kind.titleKey)]),
      element("span", { class: "transfer-export-buttons" }, buttons),
    ]);
  }

  private downloadButton(kind: TransferKind, format: Exclude<TransferFormat, "kmz">): HTMLButtonElement {
    const label = formatLabels[format];
    const title = `${t(kind.titleKey)} · ${t("transfer.download", { format: label })}`;
    const button = element("button", { type: "button", class: "transfer-download", title, "aria-label": title, "data-testid": `download-${kind.path}-${format}` }, [label]);
    button.addEventListener("click", () => void this.download(kind, format, button));
    return button;
  }

  private async download(kind: TransferKind, format: TransferFormat, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      await downloadExport(this.options.apiBase, this.options.token, `${kind.path}.${format}`, `${kind.path}.${format}`);
      this.lastError = null;
    } catch (error) {
      console.warn(`downloading ${kind.path}.${format} failed`, error);
      this.lastError = error instanceof Error ? error.message : String(error);
    }
    button.disabled = false;
    this.renderError();
  }
}
