import { element } from "../core/dom.js";
import { t, type MessageKey } from "../core/i18n.js";
import type { FieldError } from "./api.js";
import type { FieldSpec } from "./fields.js";
import { pt, type PlanningKey } from "./i18n.js";

export interface BaseOption {
  id: number;
  name: string;
}

export interface PropertyForm {
  element: HTMLFormElement;
  // The properties as the write schema takes them: empty optional fields
  // are null, an empty required number is left out so that the API names it.
  read(): Record<string, unknown>;
  showErrors(errors: FieldError[]): void;
}

function label(key: MessageKey | PlanningKey): string {
  return key.startsWith("planning.") ? pt(key as PlanningKey) : t(key as MessageKey);
}

function inputFor(field: FieldSpec, value: unknown, bases: BaseOption[]): HTMLInputElement | HTMLSelectElement {
  const common = { name: field.name, "data-testid": `field-${field.name}` };

  switch (field.kind) {
    case "text":
      return element("input", { ...common, type: "text", value: typeof value === "string" ? value : "" });
    case "number":
      return element("input", { ...common, type: "number", step: field.step ?? "1", value: typeof value === "number" ? String(value) : "" });
    case "months":
      return element("input", { ...common, type: "text", placeholder: pt("planning.monthsHint"), value: Array.isArray(value) ? value.join(",") : "" });
    case "boolean": {
      const box = element("input", { ...common, type: "checkbox" });
      box.checked = value === true;
      return box;
    }
    case "enum": {
      const options = field.options.map((option) => element("option", { value: option }, [t(`enum.${field.enumKey}.${option}` as MessageKey)]));
      const select = element("select", common, options);
      select.value = typeof value === "string" ? value : field.options[0]!;
      return select;
    }
    case "base": {
      const options = [element("option", { value: "" }, [pt("planning.noBase")]), ...bases.map((base) => element("option", { value: String(base.id) }, [base.name]))];
      const select = element("select", common, options);
      select.value = typeof value === "number" ? String(value) : "";
      return select;
    }
  }
}

function readMonths(text: string): number[] | string {
  const parts = text.split(/[,，\s]+/).filter((part) => part !== "");
  const months = parts.map(Number);
  // A month that is not a number goes to the API as it is, so that its
  // message names the field.
  return months.every(Number.isFinite) ? months : text;
}

function readField(field: FieldSpec, input: HTMLInputElement | HTMLSelectElement): unknown {
  const text = input.value.trim();

  switch (field.kind) {
    case "text":
      return text === "" && field.nullable ? null : text;
    case "number":
      if (text === "") {
        return field.required ? undefined : null;
      }
      return Number(text);
    case "months":
      return readMonths(text);
    case "boolean":
      return (input as HTMLInputElement).checked;
    case "enum":
      return text;
    case "base":
      return text === "" ? null : Number(text);
  }
}

// The row of the geometry, which has no input because it is drawn on the
// map. Its error line takes the API's errors on `geometry` and below, such
// as a self-intersecting polygon or a route of one distinct point.
function geometryRow(): { row: HTMLElement; value: HTMLElement; error: HTMLElement } {
  const value = element("span", { class: "planning-geometry", "data-testid": "field-geometry" }, [pt("planning.geometryOnMap")]);
  const error = element("span", { class: "form-error planning-field-error", "data-testid": "error-geometry", role: "alert", hidden: "" });
  const row = element("div", { class: "planning-field planning-field-geometry" }, [element("span", {}, [pt("planning.geometry")]), value, error]);
  return { row, value, error };
}

// Builds the property form of one asset. Each input sits in a row with its
// label and an error line that showErrors fills from the API's `field`.
export function buildPropertyForm(fields: FieldSpec[], properties: Record<string, unknown>, bases: BaseOption[]): PropertyForm {
  const geometry = geometryRow();
  // Elements marked aria-invalid when their field is rejected.
  const inputs = new Map<string, HTMLElement>([["geometry", geometry.value]]);
  const errorLines = new Map<string, HTMLElement>([["geometry", geometry.error]]);
  const general = element("p", { class: "form-error planning-error", "data-testid": "planning-error", hidden: "" });

  const rows = fields.map((field) => {
    const input = inputFor(field, properties[field.name], bases);
    const error = element("span", { class: "form-error planning-field-error", "data-testid": `error-${field.name}`, hidden: "" });
    inputs.set(field.name, input);
    errorLines.set(field.name, error);
    const unit = "unit" in field && field.unit ? pt(`planning.unit.${field.unit}`) : "";
    return element("label", { class: `planning-field planning-field-${field.kind}` }, [element("span", {}, [label(field.label) + unit]), input, error]);
  });

  const form = element("form", { class: "planning-form", "data-testid": "planning-form", novalidate: "" }, [geometry.row, ...rows, general]);

  return {
    element: form,
    read() {
      const values: Record<string, unknown> = {};
      for (const field of fields) {
        const value = readField(field, inputs.get(field.name) as HTMLInputElement | HTMLSelectElement);
        if (value !== undefined) {
          values[field.name] = value;
        }
      }
      return values;
    },
    showErrors(errors) {
      for (const line of [...errorLines.values(), general]) {
        line.hidden = true;
        line.textContent = "";
      }
      for (const input of inputs.values()) {
        input.removeAttribute("aria-invalid");
      }
      for (const error of errors) {
        const name = error.field?.replace(/^properties\./, "").split(".")[0];
        const line = (name && errorLines.get(name)) || general;
        line.textContent = line.textContent ? `${line.textContent} ${error.message}` : error.message;
        line.hidden = false;
        if (name && inputs.has(name)) {
          inputs.get(name)!.setAttribute("aria-invalid", "true");
        }
      }
    },
  };
}
