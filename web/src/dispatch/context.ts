import type { DispatchApi } from "./api.js";
import type { DispatchLanguage, DispatchMessageKey } from "./i18n.js";

// The writes the panel offers, named as in the console's capability table.
export type DispatchCapability = "incident.write" | "mission.write" | "alert.acknowledge";

// The API client, language, write permissions and error display shared by the panel's sections.
export interface PanelContext {
  api: DispatchApi;
  language: () => DispatchLanguage;
  // Sections build a write control only when this returns true.
  can: (capability: DispatchCapability) => boolean;
  tr: (key: DispatchMessageKey, params?: Record<string, string | number>) => string;
  showError: (error: unknown) => void;
}

// Builds a DOM element without innerHTML, so that names and notes from the
// API can never inject markup.
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  children: Array<Node | string | null | false> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== false) {
      node.append(child);
    }
  }
  return node;
}
