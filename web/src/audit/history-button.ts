import { canReadAudit } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { currentLanguage } from "../core/i18n.js";
import { openAuditLog } from "./dialog.js";
import { at } from "./i18n.js";

// Builds the "History" button that opens an object's audit log, or returns
// null when the signed-in role may not read it. title names the object in
// the current language.
export function historyButton(objectKind: string, objectId: string | number, title: () => string, testId = `history-${objectKind}-${objectId}`): HTMLButtonElement | null {
  if (!canReadAudit(objectKind)) {
    return null;
  }
  const button = element("button", { type: "button", class: "history-button", "data-testid": testId }, [at("audit.history")]);
  button.addEventListener("click", (event) => {
    // Keeps the click from selecting a table row or reaching the map under a popup.
    event.stopPropagation();
    openAuditLog(objectKind, objectId, title);
  });
  return button;
}

// Builds the "History" button of an asset feature, or returns null as
// historyButton does. path is the asset's API path, such as "/landing-points".
export function assetHistoryButton(path: string, feature: GeoJSON.Feature, testId?: string): HTMLButtonElement | null {
  const properties = feature.properties ?? {};
  const id = (properties.id ?? feature.id) as string | number | undefined | null;
  if (id === undefined || id === null) {
    return null;
  }
  const title = () => {
    const nameEn = typeof properties.nameEn === "string" && properties.nameEn !== "" ? properties.nameEn : null;
    return currentLanguage() === "en" && nameEn ? nameEn : String(properties.nameZh ?? id);
  };
  return historyButton(path.replace(/^\//, ""), id, title, testId);
}
