import { element } from "../core/dom.js";
import { onLanguageChange, t, translateDom } from "../core/i18n.js";
import { languageSwitch } from "./language-switch.js";

export interface HeaderActions {
  onFleet(): void;
  onSettings(): void;
  onSignOut(): void;
}

// The header: the console's title, the fleet and settings buttons, sign-out
// and the language switch (applies at once, no reload).
export function mountHeader(container: HTMLElement, actions: HeaderActions): void {
  const switcher = languageSwitch("language");

  const fleet = element("button", { type: "button", class: "header-button", "data-i18n": "header.fleet", "data-testid": "open-fleet" });
  fleet.addEventListener("click", actions.onFleet);
  const settings = element("button", { type: "button", class: "header-button", "data-i18n": "header.settings", "data-testid": "open-settings" });
  settings.addEventListener("click", actions.onSettings);
  const signOut = element("button", { type: "button", class: "header-button header-quiet", "data-i18n": "header.signOut" });
  signOut.addEventListener("click", actions.onSignOut);

  container.replaceChildren(
    element("h1", { class: "app-title", "data-i18n": "app.title", "data-testid": "app-title" }),
    element("nav", { class: "header-actions" }, [fleet, settings, switcher, signOut]),
  );

  const refresh = () => {
    translateDom(container);
    document.title = t("app.title");
  };
  refresh();
  onLanguageChange(refresh);
}
