import type { ApiClient } from "../core/api-client.js";
import { can, currentPrincipal } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { currentLanguage, onLanguageChange, t, type MessageKey } from "../core/i18n.js";

export interface City {
  code: string;
  nameZh: string;
  nameEn: string | null;
  home: boolean;
  active: boolean;
}

interface AidRequest {
  id: number;
  status: string;
  requestingCity: string;
  lendingCity: string;
  category: string | null;
  aircraftId: number | null;
  requestedBy: string;
}

const categories = ["helicopter", "fixed_wing", "drone"] as const;

export function cityName(cities: readonly City[], code: string): string {
  const city = cities.find((candidate) => candidate.code === code);
  if (!city) {
    return code;
  }
  return currentLanguage() === "en" ? (city.nameEn ?? city.nameZh) : city.nameZh;
}

// Mutual aid between cities: the requests every role may read and, for
// roles with the mutualAid.write capability, a form that requests an
// aircraft of a category from a partner city.
export class MutualAidPanel {
  private readonly panel = element("aside", { class: "fleet-panel mutual-aid-panel", "data-testid": "mutual-aid-panel", hidden: "" });
  private requests: AidRequest[] = [];
  private error: string | null = null;
  private form = { lendingCity: "", category: "helicopter", notes: "" };

  constructor(
    private readonly container: HTMLElement,
    private readonly api: ApiClient,
    private readonly cities: () => readonly City[],
  ) {
    container.append(this.panel);
    onLanguageChange(() => this.render());
  }

  // Returns whether the panel is open afterwards.
  toggle(): boolean {
    this.panel.hidden = !this.panel.hidden;
    this.container.classList.toggle("fleet-open", !this.panel.hidden);
    if (!this.panel.hidden) {
      this.render();
      void this.load();
    }
    return !this.panel.hidden;
  }

  private async load(): Promise<void> {
    try {
      this.requests = (await this.api.get<{ items: AidRequest[] }>("/mutual-aid/requests", { limit: 50 })).items;
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.render();
  }

  private render(): void {
    const rows = this.requests.map((request) =>
      element("li", { "data-testid": `mutual-aid-request-${request.id}` }, [
        t("mutualAid.row", {
          id: request.id,
          from: cityName(this.cities(), request.requestingCity),
          to: cityName(this.cities(), request.lendingCity),
          status: t(`mutualAid.status.${request.status}` as MessageKey),
        }),
      ]),
    );
    const list = rows.length === 0 ? element("p", { class: "empty" }, [t("mutualAid.empty")]) : element("ul", { class: "fleet-list" }, rows);

    const children: Node[] = [element("div", { class: "panel-header" }, [element("h2", { class: "panel-heading" }, [t("mutualAid.title")])])];
    if (this.error) {
      children.push(element("p", { class: "form-error", role: "alert" }, [this.error]));
    }
    if (can("mutualAid.write")) {
      children.push(this.requestForm());
    }
    children.push(list);
    this.panel.replaceChildren(...children);
  }

  private requestForm(): HTMLElement {
    const own = currentPrincipal()?.city;
    const partners = this.cities().filter((city) => city.active && city.code !== own);
    const lender = element(
      "select",
      { "data-testid": "mutual-aid-city" },
      partners.map((city) => element("option", { value: city.code }, [cityName(this.cities(), city.code)])),
    );
    lender.value = this.form.lendingCity || (partners[0]?.code ?? "");
    lender.addEventListener("change", () => (this.form.lendingCity = lender.value));
    const category = element(
      "select",
      { "data-testid": "mutual-aid-category" },
      categories.map((value) => element("option", { value }, [t(`mutualAid.category.${value}`)])),
    );
    category.value = this.form.category;
    category.addEventListener("change", () => (this.form.category = category.value));
    const submit = element("button", { type: "button", class: "primary", "data-testid": "mutual-aid-submit" }, [t("mutualAid.submit")]);
    submit.addEventListener("click", () => void this.submit(lender.value));

    return element("div", { class: "mutual-aid-form", "data-testid": "mutual-aid-form" }, [
      element("label", { class: "field" }, [element("span", {}, [t("mutualAid.lendingCity")]), lender]),
      element("label", { class: "field" }, [element("span", {}, [t("mutualAid.category")]), category]),
      submit,
    ]);
  }

  private async submit(lendingCity: string): Promise<void> {
    try {
      await this.api.post("/mutual-aid/requests", { lendingCity, category: this.form.category });
      await this.load();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.render();
    }
  }
}
