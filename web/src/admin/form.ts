import { element } from "../core/dom.js";
import type { FieldError } from "./api.js";
import { adminText, type AdminKey } from "./i18n.js";

export interface SelectOption {
  value: string;
  // Called again after a language switch.
  label(): string;
}

export type FieldDef =
  | { name: string; kind: "text"; label: AdminKey; help?: AdminKey; value?: string; autocomplete?: string }
  | { name: string; kind: "password"; label: AdminKey; help?: AdminKey }
  | { name: string; kind: "select"; label: AdminKey; options: SelectOption[]; value?: string };

export interface AdminForm {
  element: HTMLFormElement;
  value(name: string): string;
  // Puts each message in the error line of the field it names, as the
  // planning form does. Messages without a known field go to the line
  // under the form.
  showErrors(errors: FieldError[]): void;
  // Rewrites the option labels in the current language.
  relabel(): void;
}

function inputFor(field: FieldDef): HTMLInputElement | HTMLSelectElement {
  const common = { name: field.name, "data-testid": `admin-field-${field.name}` };

  switch (field.kind) {
    case "text":
      return element("input", { ...common, type: "text", spellcheck: "false", autocomplete: field.autocomplete ?? "off", value: field.value ?? "" });
    case "password":
      return element("input", { ...common, type: "password", autocomplete: "new-password" });
    case "select": {
      const select = element(
        "select",
        common,
        field.options.map((option) => element("option", { value: option.value }, [option.label()])),
      );
      select.value = field.value ?? field.options[0]?.value ?? "";
      return select;
    }
  }
}

// Builds a form of labelled inputs, each with a help line and an error line.
// An API error's `field` (such as username) finds its input by name.
export function buildAdminForm(fields: FieldDef[]): AdminForm {
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const errorLines = new Map<string, HTMLElement>();
  const general = element("p", { class: "form-error admin-form-error", role: "alert", "data-testid": "admin-form-error", hidden: "" });

  const rows = fields.map((field) => {
    const input = inputFor(field);
    const error = element("span", { class: "form-error admin-field-error", "data-testid": `admin-error-${field.name}`, hidden: "" });
    const help = "help" in field && field.help ? adminText(element("span", { class: "form-help" }), field.help) : null;
    inputs.set(field.name, input);
    errorLines.set(field.name, error);
    return element("label", { class: "field admin-field" }, [adminText(element("span"), field.label), input, help, error]);
  });

  return {
    element: element("form", { class: "admin-form", novalidate: "" }, [...rows, general]),
    value(name) {
      return inputs.get(name)?.value ?? "";
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
        const name = error.field?.split(".")[0];
        const line = (name && errorLines.get(name)) || general;
        line.textContent = line.textContent ? `${line.textContent} ${error.message}` : error.message;
        line.hidden = false;
        if (name && inputs.has(name)) {
          inputs.get(name)!.setAttribute("aria-invalid", "true");
        }
      }
    },
    relabel() {
      for (const field of fields) {
        if (field.kind !== "select") {
          continue;
        }
        const select = inputs.get(field.name) as HTMLSelectElement;
        field.options.forEach((option, index) => {
          select.options[index]!.textContent = option.label();
        });
      }
    },
  };
}
