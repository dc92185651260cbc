import type { ApiClient, ApiError } from "../core/api-client.js";
import { can, currentPrincipal } from "../core/capabilities.js";
import { AdminApi } from "./api.js";
import { AdminScreen } from "./screen.js";
import "./admin.css";

export type { AdminScreen };

export interface AdminOptions {
  container: HTMLElement;
  api: ApiClient;
  token: string;
  onUnauthorized(error: ApiError): void;
  cityCodes(): string[];
  cityName(code: string): string;
  onClose(): void;
}

// Builds the user and API token screen for a role with the admin.manage
// capability, and returns null for other roles. Call it after the principal is set.
export function mountAdmin(options: AdminOptions): AdminScreen | null {
  if (!can("admin.manage")) {
    return null;
  }

  return new AdminScreen(options.container, {
    api: new AdminApi(options.api, options.token, options.onUnauthorized),
    cityCodes: options.cityCodes,
    cityName: options.cityName,
    ownCity: () => currentPrincipal()?.city ?? "bayannur",
    onClose: options.onClose,
  });
}
