import { en } from "../../i18n/en.js";
import { zhCN, type MessageKey } from "../../i18n/zh-CN.js";

export type Language = "zh-CN" | "en";
export type { MessageKey };

export const languages: readonly Language[] = ["zh-CN", "en"];

const catalogs: Record<Language, Record<MessageKey, string>> = { "zh-CN": zhCN, en };
const storageKey = "bayannur-console.language";
const listeners = new Set<(language: Language) => void>();

let current: Language = "zh-CN";

// Picks the language: the one the user chose before, else the first of the
// browser's languages that we have, else zh-CN. Any Chinese variant maps to
// zh-CN, and only an explicit English preference picks English.
export function chooseLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (stored === "zh-CN" || stored === "en") {
    return stored;
  }

  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split("-")[0];
    if (primary === "zh") {
      return "zh-CN";
    }
    if (primary === "en") {
      return "en";
    }
  }
  return "zh-CN";
}

export function initLanguage(): Language {
  current = chooseLanguage(readStored(), navigator.languages ?? [navigator.language]);
  document.documentElement.lang = current;
  return current;
}

function readStored(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function currentLanguage(): Language {
  return current;
}

// Switches the language without a reload: stores the choice, then lets every
// subscriber re-render its text.
export function setLanguage(language: Language): void {
  if (language === current) {
    return;
  }

  current = language;
  document.documentElement.lang = language;
  localStorage.setItem(storageKey, language);
  for (const listener of listeners) {
    listener(language);
  }
}

// Calls listener after every language switch; returns a function that stops it.
export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Returns the message for key in the current language, with {name}
// placeholders replaced by params; placeholders without a param stay as they
// are. An unknown key is returned as it is.
export function t(key: MessageKey, params: MessageParams = {}): string {
  const template = (catalogs[current][key] as string | undefined) ?? key;
  return fillTemplate(template, params);
}

export type MessageParams = Record<string, string | number>;

// Replaces each {name} placeholder of template with params[name]; a
// placeholder without a param stays as it is.
export function fillTemplate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

// Builds the message lookup of a console module with its own catalogue:
// the message for key in the current language, placeholders filled.
export function moduleMessages<K extends string>(catalogs: Record<Language, Record<K, string>>): (key: K, params?: MessageParams) => string {
  return (key, params = {}) => fillTemplate(catalogs[currentLanguage()][key], params);
}

// Fills every element under root that has data-i18n (text) or
// data-i18n-title / data-i18n-placeholder / data-i18n-aria-label (attributes).
export function translateDom(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n as MessageKey);
  }

  const attributes: Array<[string, string]> = [
    ["i18nTitle", "title"],
    ["i18nPlaceholder", "placeholder"],
    ["i18nAriaLabel", "aria-label"],
  ];
  for (const [datasetKey, attribute] of attributes) {
    const selector = `[data-${datasetKey.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}]`;
    for (const element of root.querySelectorAll<HTMLElement>(selector)) {
      element.setAttribute(attribute, t(element.dataset[datasetKey] as MessageKey));
    }
  }
}
