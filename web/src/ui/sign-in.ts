import { ApiClient, ApiError } from "../core/api-client.js";
import { element } from "../core/dom.js";
import { onLanguageChange, t, translateDom, type MessageKey } from "../core/i18n.js";
import { logIn } from "../core/session.js";
import { languageSwitch } from "./language-switch.js";

type Mode = "password" | "token";

// A text field with its translated label.
function field(labelKey: MessageKey, input: HTMLInputElement): HTMLLabelElement {
  return element("label", { class: "field" }, [element("span", { "data-i18n": labelKey }), input]);
}

function modeTab(mode: Mode, labelKey: MessageKey): HTMLButtonElement {
  return element("button", { type: "button", class: "sign-in-tab", role: "tab", "data-i18n": labelKey, "data-testid": `sign-in-mode-${mode}` });
}

// Asks for a username and password (or, under the "API 令牌" tab, an access
// token) in a modal dialog and resolves with a working bearer token. Shows
// the API's own message in the console's language for wrong credentials,
// for too many attempts (with the wait time) and for a wrong token, and a
// network message when the server is unreachable. `noticeKey` names the
// reason the dialog opened again, such as an expired session.
export function askForToken(noticeKey: MessageKey | null = null): Promise<string> {
  const username = element("input", { type: "text", name: "username", autocomplete: "username", spellcheck: "false", "data-testid": "username-input" });
  const password = element("input", { type: "password", name: "password", autocomplete: "current-password", "data-testid": "password-input" });
  const token = element("input", { type: "password", name: "token", autocomplete: "off", spellcheck: "false", "data-testid": "token-input" });
  const passwordFields = element("div", { "data-testid": "sign-in-password-fields" }, [field("signIn.username", username), field("signIn.password", password)]);
  const tokenFields = element("div", { "data-testid": "sign-in-token-fields" }, [element("p", { class: "form-help", "data-i18n": "signIn.prompt" }), field("signIn.token", token)]);

  const message = element("p", { class: "form-error", role: "alert", "data-testid": "sign-in-error" });
  const submit = element("button", { type: "submit", class: "primary", "data-i18n": "signIn.submit", "data-testid": "sign-in-submit" });
  const passwordTab = modeTab("password", "signIn.modePassword");
  const tokenTab = modeTab("token", "signIn.modeToken");

  const form = element("form", { method: "dialog" }, [
    element("div", { class: "dialog-heading" }, [element("h2", { "data-i18n": "signIn.title" }), languageSwitch("sign-in-language")]),
    element("div", { class: "sign-in-tabs", role: "tablist" }, [passwordTab, tokenTab]),
    passwordFields,
    tokenFields,
    message,
    element("div", { class: "dialog-actions" }, [submit]),
  ]);
  const dialog = element("dialog", { class: "sign-in", "data-testid": "sign-in" }, [form]);
  dialog.addEventListener("cancel", (event) => event.preventDefault());
  document.body.append(dialog);

  let mode: Mode = "password";
  const showMode = (next: Mode) => {
    mode = next;
    passwordFields.hidden = next !== "password";
    tokenFields.hidden = next !== "token";
    passwordTab.setAttribute("aria-selected", String(next === "password"));
    tokenTab.setAttribute("aria-selected", String(next === "token"));
    message.textContent = "";
    (next === "password" ? username : token).focus();
  };
  passwordTab.addEventListener("click", () => showMode("password"));
  tokenTab.addEventListener("click", () => showMode("token"));

  translateDom(dialog);
  onLanguageChange(() => translateDom(dialog));
  dialog.showModal();
  showMode("password");
  if (noticeKey) {
    message.textContent = t(noticeKey);
  }

  return new Promise((resolve) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const missing = mode === "password" ? missingCredentials(username.value, password.value) : missingToken(token.value);
      if (missing) {
        message.textContent = t(missing);
        return;
      }

      submit.disabled = true;
      message.textContent = t("signIn.checking");
      const result = mode === "password" ? await tryLogIn(username.value.trim(), password.value) : await tryToken(token.value.trim());
      submit.disabled = false;
      if ("problem" in result) {
        message.textContent = result.problem;
        (mode === "password" ? password : token).select();
        return;
      }

      dialog.close();
      dialog.remove();
      resolve(result.token);
    });
  });
}

function missingCredentials(username: string, password: string): MessageKey | null {
  if (username.trim() === "") {
    return "signIn.emptyUsername";
  }
  if (password === "") {
    return "signIn.emptyPassword";
  }
  return null;
}

function missingToken(token: string): MessageKey | null {
  return token.trim() === "" ? "signIn.empty" : null;
}

type Outcome = { token: string } | { problem: string };

async function tryLogIn(username: string, password: string): Promise<Outcome> {
  try {
    return { token: await logIn(username, password) };
  } catch (error) {
    return { problem: problemOf(error) };
  }
}

async function tryToken(token: string): Promise<Outcome> {
  try {
    await new ApiClient(token).get("/auth/me");
    return { token };
  } catch (error) {
    return { problem: problemOf(error) };
  }
}

// The API's message already names the cause in the console's language,
// including the wait time of a 429 (too_many_attempts).
function problemOf(error: unknown): string {
  if (error instanceof ApiError && error.code !== "network_error") {
    return error.message;
  }
  return t("signIn.network");
}
