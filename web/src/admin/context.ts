import type { Role } from "../core/capabilities.js";
import { t } from "../core/i18n.js";
import type { AdminApi, FieldError } from "./api.js";
import type { SelectOption } from "./form.js";

// Every role a user or an API token may have, in the order of the API's role list.
export const roleCodes: readonly Role[] = ["admin", "planner", "dispatcher", "coordinator", "viewer", "feed"];

// What the users and tokens sections share with the screen that contains them.
export interface AdminContext {
  api: AdminApi;
  // The city codes of GET /cities, and a code's name in the current language.
  cityCodes(): string[];
  cityName(code: string): string;
  // The signed-in admin's city, the default for new users and tokens.
  ownCity(): string;
  // Reads the users and tokens again and redraws the screen.
  reload(): Promise<void>;
  // Shows errors of a write started from a table row above the tables.
  showErrors(errors: FieldError[]): void;
}

export function roleOptions(): SelectOption[] {
  return roleCodes.map((role) => ({ value: role, label: () => t(`role.${role}`) }));
}

export function cityOptions(context: AdminContext): SelectOption[] {
  return context.cityCodes().map((code) => ({ value: code, label: () => context.cityName(code) }));
}
