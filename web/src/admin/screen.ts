import { element } from "../core/dom.js";
import { onLanguageChange } from "../core/i18n.js";
import type { AdminApi, FieldError, TokenRecord, UserRecord } from "./api.js";
import type { AdminContext } from "./context.js";
import { adminText, at } from "./i18n.js";
import { openCreateToken, tokensTable } from "./tokens-section.js";
import { openCreateUser, usersTable } from "./users-section.js";

export interface AdminScreenOptions {
  api: AdminApi;
  cityCodes(): string[];
  cityName(code: string): string;
  ownCity(): string;
  // Runs when the screen's own close button closes it, so that the header
  // button can show the screen as closed.
  onClose(): void;
}

// The user and API token administration screen: it lies over the map,
// which keeps running under it, and reads both lists each time it opens.
export class AdminScreen {
  private readonly root = element("section", { class: "admin-screen", "data-testid": "admin-screen", hidden: "" });
  private users: UserRecord[] = [];
  private tokens: TokenRecord[] = [];
  private loadError: string | null = null;
  private loaded = false;
  private writeErrors: FieldError[] = [];
  private readonly context: AdminContext;

  constructor(
    container: HTMLElement,
    private readonly options: AdminScreenOptions,
  ) {
    this.context = {
      api: options.api,
      cityCodes: options.cityCodes,
      cityName: options.cityName,
      ownCity: options.ownCity,
      reload: () => this.load(),
      showErrors: (errors) => {
        this.writeErrors = errors;
        this.render();
      },
    };
    container.append(this.root);
    onLanguageChange(() => this.render());
  }

  // Returns whether the screen is open afterwards.
  toggle(): boolean {
    this.root.hidden = !this.root.hidden;
    if (!this.root.hidden) {
      this.loaded = false;
      this.render();
      void this.load();
    }
    return !this.root.hidden;
  }

  private close(): void {
    this.root.hidden = true;
    this.options.onClose();
  }

  private async load(): Promise<void> {
    try {
      [this.users, this.tokens] = await Promise.all([this.options.api.listUsers(), this.options.api.listTokens()]);
      this.loadError = null;
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    }
    this.loaded = true;
    this.writeErrors = [];
    this.render();
  }

  private render(): void {
    if (this.root.hidden) {
      return;
    }

    const close = adminText(element("button", { type: "button", class: "admin-close", "data-testid": "admin-close" }), "admin.close");
    close.addEventListener("click", () => this.close());
    const messages = [...(this.loadError ? [at("admin.loadFailed", { message: this.loadError })] : []), ...this.writeErrors.map((error) => error.message)];
    const errorLine = element("p", { class: "form-error", role: "alert", "data-testid": "admin-error" }, [messages.join(" ")]);

    this.root.replaceChildren(
      element("div", { class: "admin-heading" }, [adminText(element("h2"), "admin.title"), close]),
      errorLine,
      ...(this.loaded ? [...this.usersPart(), ...this.tokensPart()] : [adminText(element("p", { class: "form-help" }), "admin.loading")]),
    );
  }

  private usersPart(): Node[] {
    const create = adminText(element("button", { type: "button", class: "admin-create", "data-testid": "admin-user-new" }), "admin.user.create");
    create.addEventListener("click", () => openCreateUser(this.context));
    return [element("div", { class: "admin-section-heading" }, [adminText(element("h3"), "admin.users"), create]), usersTable(this.context, this.users)];
  }

  private tokensPart(): Node[] {
    const create = adminText(element("button", { type: "button", class: "admin-create", "data-testid": "admin-token-new" }), "admin.token.create");
    create.addEventListener("click", () => openCreateToken(this.context));
    return [
      element("div", { class: "admin-section-heading" }, [adminText(element("h3"), "admin.tokens"), create]),
      adminText(element("p", { class: "form-help", "data-testid": "admin-token-note" }), "admin.token.expiryNote"),
      tokensTable(this.context, this.tokens),
    ];
  }
}
