import { element } from "../core/dom.js";
import { currentLanguage, languages, onLanguageChange, setLanguage, t } from "../core/i18n.js";

// Buttons that switch the language at once, without a reload. The header
// has one, and so does the sign-in dialog, because a modal dialog makes the
// header unreachable.
export function languageSwitch(testIdPrefix: string): HTMLElement {
  const switcher = element("div", { class: "language-switch", role: "group", "aria-label": t("lang.label") });
  for (const language of languages) {
    const button = element("button", { type: "button", "data-language": language, "data-testid": `${testIdPrefix}-${language}` }, [t(`lang.${language}`)]);
    button.addEventListener("click", () => setLanguage(language));
    switcher.append(button);
  }

  const refresh = () => {
    switcher.setAttribute("aria-label", t("lang.label"));
    for (const button of switcher.querySelectorAll<HTMLButtonElement>("button")) {
      button.setAttribute("aria-pressed", String(button.dataset.language === currentLanguage()));
    }
  };
  refresh();
  onLanguageChange(refresh);
  return switcher;
}
