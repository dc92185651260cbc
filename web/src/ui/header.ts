import { at } from "../admin/i18n.js";
import { can, type Principal } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { onLanguageChange, t, translateDom } from "../core/i18n.js";
import { languageSwitch } from "./language-switch.js";

export interface HeaderActions {
  onFleet(): void;
  // Each returns whether its panel is open afterwards.
  onCoverage(): boolean;
  onDispatch(): boolean;
  onMutualAid(): boolean;
  onAdmin(): boolean;
  onSettings(): void;
  onSignOut(): void;
}

// A header button that opens and closes a panel and shows its state.
function panelToggle(labelKey: "header.coverage" | "header.dispatch" | "header.mutualAid", testId: string, toggle: () => boolean): HTMLButtonElement {
  const button = element("button", { type: "button", class: "header-button", "data-i18n": labelKey, "data-testid": testId, "aria-pressed": "false" });
  button.addEventListener("click", () => button.setAttribute("aria-pressed", String(toggle())));
  return button;
}

export interface Header {
  // Shows who is signed in: name, role and city (the city's name from GET /cities).
  showPrincipal(principal: Principal, cityName: () => string): void;
  // Shows the user and token screen as closed after it closed itself.
  showAdminClosed(): void;
}

// The header: the console's title, the fleet, coverage, dispatch,
// mutual-aid, user administration (admins only) and settings buttons, the
// signed-in user with sign-out, and the language switch (applies at once,
// no reload).
export function mountHeader(container: HTMLElement, actions: HeaderActions): Header {
  const switcher = languageSwitch("language");

  const fleet = element("button", { type: "button", class: "header-button", "data-i18n": "header.fleet", "data-testid": "open-fleet" });
  fleet.addEventListener("click", actions.onFleet);
  const settings = element("button", { type: "button", class: "header-button", "data-i18n": "header.settings", "data-testid": "open-settings" });
  settings.addEventListener("click", actions.onSettings);
  const signOut = element("button", { type: "button", class: "header-button header-quiet", "data-i18n": "header.signOut", "data-testid": "sign-out" });
  signOut.hidden = true;
  // Shown only to admins, once showPrincipal has set the role.
  const admin = element("button", { type: "button", class: "header-button", "data-testid": "open-admin", "aria-pressed": "false", hidden: "" });
  admin.addEventListener("click", () => admin.setAttribute("aria-pressed", String(actions.onAdmin())));
  const who = element("span", { class: "header-principal", "data-testid": "principal" });
  let describePrincipal: () => string = () => "";
  signOut.addEventListener("click", actions.onSignOut);

  container.replaceChildren(
    element("h1", { class: "app-title", "data-i18n": "app.title", "data-testid": "app-title" }),
    element("nav", { class: "header-actions" }, [
      fleet,
      panelToggle("header.coverage", "open-coverage", actions.onCoverage),
      panelToggle("header.dispatch", "open-dispatch", actions.onDispatch),
      panelToggle("header.mutualAid", "open-mutual-aid", actions.onMutualAid),
      admin,
      settings,
      switcher,
      who,
      signOut,
    ]),
  );

  const refresh = () => {
    translateDom(container);
    admin.textContent = at("admin.open");
    document.title = t("app.title");
    who.textContent = describePrincipal();
  };
  refresh();
  onLanguageChange(refresh);

  return {
    showPrincipal(principal, cityName) {
      describePrincipal = () =>
        t("header.principal", { name: principal.user?.displayName ?? principal.name, role: t(`role.${principal.role}`), city: cityName() });
      who.dataset.role = principal.role;
      signOut.hidden = false;
      admin.hidden = !can("admin.manage");
      refresh();
    },
    showAdminClosed() {
      admin.setAttribute("aria-pressed", "false");
    },
  };
}
