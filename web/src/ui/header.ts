import { element } from "../core/dom.js";
import { onLanguageChange, t, translateDom } from "../core/i18n.js";
import { languageSwitch } from "./language-switch.js";

export interface HeaderActions {
  onFleet(): void;
  // Each returns whether its panel is open afterwards.
  onCoverage(): boolean;
  onDispatch(): boolean;
  onSettings(): void;
  onSignOut(): void;
}

// A header button that opens and closes a panel and shows its state.
function panelToggle(labelKey: "header.coverage" | "header.dispatch", testId: string, toggle: () => boolean): HTMLButtonElement {
  const button = element("button", { type: "button", class: "header-button", "data-i18n": labelKey, "data-testid": testId, "aria-pressed": "false" });
  button.addEventListener("click", () => button.setAttribute("aria-pressed", String(toggle())));
  return button;
}

// The header: the console's title, the fleet, coverage, dispatch and
// settings buttons, sign-out and the language switch (applies at once, no
// reload).
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
    element("nav", { class: "header-actions" }, [
      fleet,
      panelToggle("header.coverage", "open-coverage", actions.onCoverage),
      panelToggle("header.dispatch", "open-dispatch", actions.onDispatch),
      settings,
      switcher,
      signOut,
    ]),
  );

  const refresh = () => {
    translateDom(container);
    document.title = t("app.title");
  };
  refresh();
  onLanguageChange(refresh);
}
