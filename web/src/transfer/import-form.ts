import { currentPrincipal } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { t, translateDom, type MessageKey } from "../core/i18n.js";
import { postImport, type ImportOutcome, type ImportReport } from "./api.js";
import { formatLabels, formatOfFileName, surfaces, transferKinds, writableCities, type DefaultField, type TransferKind } from "./kinds.js";
import { renderReport } from "./report.js";

export interface ImportFormOptions {
  apiBase: string;
  token: string;
  // Called after an apply has committed, to redraw the kind's layer.
  onImported(kind: TransferKind): void;
}

// The message and report under the form's buttons. `text` is a function so
// that the console's own messages follow a language switch. API messages
// stay in the language they were requested in.
interface Outcome {
  tone: "info" | "error" | "success";
  text: () => string;
  report: ImportReport | null;
}

function labelled(labelKey: MessageKey, control: HTMLElement, field?: DefaultField): HTMLElement {
  const attributes: Record<string, string> = { class: "transfer-field" };
  if (field) {
    attributes["data-default"] = field;
  }
  return element("label", attributes, [element("span", { "data-i18n": labelKey }), control]);
}

function optionList(values: readonly string[], keyPrefix: string, withNone: boolean): HTMLOptionElement[] {
  const options = values.map((value) => element("option", { value, "data-i18n": `${keyPrefix}.${value}` }));
  if (withNone) {
    options.unshift(element("option", { value: "", "data-i18n": "transfer.noDefault" }));
  }
  return options;
}

// The import form: kind, file, GCJ-02 checkbox and defaults, a dry run
// (预检) with its per-row report, and an apply (确认导入) that is enabled
// only after a dry run of the same inputs rejected nothing.
export class ImportForm {
  readonly root: HTMLElement;
  private readonly kindSelect = element("select", { "data-testid": "transfer-kind" }, transferKinds.map((kind) => element("option", { value: kind.path, "data-i18n": kind.titleKey })));
  private readonly fileInput = element("input", { type: "file", class: "transfer-file-input", accept: ".geojson,.json,.kml,.kmz,.gpx,.csv", "data-testid": "transfer-file" });
  private readonly fileName = element("span", { class: "transfer-file-name", "data-testid": "transfer-file-name" });
  private readonly formatLine = element("p", { class: "transfer-note", "data-testid": "transfer-format" });
  private readonly gcj02Box = element("input", { type: "checkbox", "data-testid": "transfer-gcj02" });
  // Only the cities this account may write, so that the default cannot
  // make every row of a file fail with forbidden_city.
  private readonly citySelect = element("select", { "data-testid": "transfer-default-city" }, optionList(writableCities(currentPrincipal()), "enum.city", true));
  private readonly surfaceSelect = element("select", { "data-testid": "transfer-default-surface" }, optionList(surfaces, "enum.surface", true));
  private readonly sizeInput = element("input", { type: "number", min: "1", max: "5000", step: "1", "data-testid": "transfer-default-size" });
  private readonly dryRunButton = element("button", { type: "button", "data-i18n": "transfer.dryRun", "data-testid": "transfer-dry-run" });
  private readonly applyButton = element("button", { type: "button", class: "transfer-primary", "data-i18n": "transfer.apply", "data-testid": "transfer-apply" });
  private readonly body: HTMLElement;
  private readonly outcomeBox = element("div", { class: "transfer-outcome", "data-testid": "transfer-outcome", "aria-live": "polite" });
  private outcome: Outcome | null = null;
  private busy = false;
  // True while the shown report is a dry run of the current inputs.
  private checked = false;

  constructor(private readonly options: ImportFormOptions) {
    this.citySelect.value = currentPrincipal()?.city ?? "";

    this.body = element("div", { class: "transfer-body" }, [
      labelled("transfer.kind", this.kindSelect),
      this.filePicker(),
      this.formatLine,
      element("label", { class: "transfer-check" }, [this.gcj02Box, element("span", { "data-i18n": "transfer.gcj02" })]),
      element("fieldset", { class: "transfer-defaults" }, [
        element("legend", { "data-i18n": "transfer.defaults" }),
        labelled("transfer.defaultCity", this.citySelect, "city"),
        labelled("transfer.defaultSurface", this.surfaceSelect, "surface"),
        labelled("transfer.defaultSizeM", this.sizeInput, "sizeM"),
      ]),
      element("div", { class: "transfer-buttons" }, [this.dryRunButton, this.applyButton]),
    ]);
    this.root = element("section", { class: "transfer-section", "data-testid": "transfer-import" }, [
      element("h3", { "data-i18n": "transfer.import" }),
      this.body,
      this.outcomeBox,
    ]);

    for (const control of [this.kindSelect, this.fileInput, this.gcj02Box, this.citySelect, this.surfaceSelect, this.sizeInput]) {
      control.addEventListener("change", () => this.inputsChanged());
    }
    this.sizeInput.addEventListener("input", () => this.inputsChanged());
    this.dryRunButton.addEventListener("click", () => void this.run(true));
    this.applyButton.addEventListener("click", () => void this.run(false));
    this.render();
  }

  // Redraws every text in the current language. A shown dry run is run
  // again so that its reasons come back in the new language too.
  render(): void {
    translateDom(this.root);
    this.renderFormat();
    this.renderOutcome();
    this.renderButtons();
  }

  rerunForLanguage(): void {
    this.render();
    if (this.checked && !this.busy) {
      void this.run(true);
    }
  }

  // The browser's own file button is labelled in the browser's language, so
  // the input is hidden behind a label that follows the console's language.
  private filePicker(): HTMLElement {
    return element("div", { class: "transfer-field" }, [
      element("span", { "data-i18n": "transfer.file" }),
      element("label", { class: "transfer-file-button" }, [this.fileInput, element("span", { "data-i18n": "transfer.chooseFile" })]),
      this.fileName,
    ]);
  }

  private selectedKind(): TransferKind {
    return transferKinds.find((kind) => kind.path === this.kindSelect.value) ?? transferKinds[0]!;
  }

  private selectedFile(): File | null {
    return this.fileInput.files?.[0] ?? null;
  }

  private inputsChanged(): void {
    this.checked = false;
    this.outcome = null;
    this.render();
  }

  private renderFormat(): void {
    const kind = this.selectedKind();
    for (const field of this.body.querySelectorAll<HTMLElement>("[data-default]")) {
      field.hidden = !kind.defaultFields.includes(field.dataset.default as DefaultField);
    }
    this.body.querySelector<HTMLElement>(".transfer-defaults")!.hidden = kind.defaultFields.length === 0;

    const file = this.selectedFile();
    const format = file ? formatOfFileName(file.name) : null;
    this.fileName.textContent = file ? file.name : t("transfer.noFile");
    this.formatLine.hidden = file === null;
    this.formatLine.classList.toggle("transfer-error", file !== null && format === null);
    if (file) {
      this.formatLine.textContent = format ? t("transfer.format", { format: formatLabels[format] }) : t("transfer.unknownFormat", { name: file.name });
    }
  }

  private renderButtons(): void {
    const file = this.selectedFile();
    const readable = file !== null && formatOfFileName(file.name) !== null;
    const report = this.outcome?.report;
    const clean = report !== undefined && report !== null && report.summary.reject === 0 && report.summary.total > 0;
    this.dryRunButton.disabled = this.busy || !readable;
    this.applyButton.disabled = this.busy || !this.checked || !clean;
  }

  private renderOutcome(): void {
    if (!this.outcome) {
      this.outcomeBox.replaceChildren();
      return;
    }
    const message = element("p", { class: `transfer-message transfer-${this.outcome.tone}`, "data-testid": "transfer-message" }, [this.outcome.text()]);
    this.outcomeBox.replaceChildren(message, this.outcome.report ? renderReport(this.outcome.report) : "");
  }

  private show(outcome: Outcome | null): void {
    this.outcome = outcome;
    this.renderOutcome();
    this.renderButtons();
  }

  private defaults(kind: TransferKind): Partial<Record<DefaultField, string>> {
    const values: Record<DefaultField, string> = { city: this.citySelect.value, surface: this.surfaceSelect.value, sizeM: this.sizeInput.value.trim() };
    return Object.fromEntries(kind.defaultFields.map((field) => [field, values[field]]));
  }

  private async run(dryRun: boolean): Promise<void> {
    const file = this.selectedFile();
    const format = file ? formatOfFileName(file.name) : null;
    if (!file || !format) {
      return;
    }

    const kind = this.selectedKind();
    this.busy = true;
    this.show({ tone: "info", text: () => t(dryRun ? "transfer.checking" : "transfer.applying"), report: null });
    const outcome = await postImport(this.options.apiBase, this.options.token, {
      kind, file, format, dryRun, gcj02: this.gcj02Box.checked, defaults: this.defaults(kind),
    });
    this.busy = false;
    this.present(outcome, kind, dryRun);
  }

  private present(outcome: ImportOutcome, kind: TransferKind, dryRun: boolean): void {
    if (outcome.kind === "error") {
      this.checked = false;
      this.presentError(outcome);
      return;
    }

    const { report } = outcome;
    this.checked = dryRun;
    if (report.applied) {
      this.checked = false;
      this.show({ tone: "success", text: () => t("transfer.applied", report.summary), report });
      this.options.onImported(kind);
      return;
    }
    if (report.summary.reject > 0) {
      this.show({ tone: "error", text: () => t("transfer.fixRejected", { n: report.summary.reject }), report });
      return;
    }
    const readyKey = report.summary.total === 0 ? "transfer.empty" : "transfer.ready";
    this.show({ tone: report.summary.total === 0 ? "error" : "info", text: () => t(readyKey), report });
  }

  // A 403 means that the API rejects this account's writes although the
  // console's capability table allows them. The form is then hidden and
  // only the API's reason stays.
  private presentError(outcome: Extract<ImportOutcome, { kind: "error" }>): void {
    if (outcome.status === 403) {
      this.body.hidden = true;
      this.show({ tone: "error", text: () => t("transfer.forbidden", { message: outcome.message }), report: null });
      return;
    }
    this.show({ tone: "error", text: () => t("transfer.failed", { message: outcome.message }), report: null });
  }
}
