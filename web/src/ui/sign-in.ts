import { ApiClient, ApiError } from "../core/api-client.js";
import { element } from "../core/dom.js";
import { onLanguageChange, t, translateDom } from "../core/i18n.js";
import { languageSwitch } from "./language-switch.js";

// Asks for an access token in a modal dialog and checks it against the API
// before resolving. Shows the API's own message (in the console's language)
// for a wrong token, and a network message when the server is unreachable.
export function askForToken(): Promise<string> {
  const input = element("input", {
    type: "password",
    name: "token",
    autocomplete: "off",
    spellcheck: "false",
    "data-testid": "token-input",
  });
  const message = element("p", { class: "form-error", role: "alert", "data-testid": "sign-in-error" });
  const submit = element("button", { type: "submit", class: "primary", "data-i18n": "signIn.submit", "data-testid": "sign-in-submit" });

  const form = element("form", { method: "dialog" }, [
    element("div", { class: "dialog-heading" }, [element("h2", { "data-i18n": "signIn.title" }), languageSwitch("sign-in-language")]),
    element("p", { class: "form-help", "data-i18n": "signIn.prompt" }),
    element("label", { class: "field" }, [element("span", { "data-i18n": "signIn.token" }), input]),
    message,
    element("div", { class: "dialog-actions" }, [submit]),
  ]);
  const dialog = element("dialog", { class: "sign-in", "data-testid": "sign-in" }, [form]);
  dialog.addEventListener("cancel", (event) => event.preventDefault());
  document.body.append(dialog);

  translateDom(dialog);
  onLanguageChange(() => translateDom(dialog));
  dialog.showModal();
  input.focus();

  return new Promise((resolve) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const token = input.value.trim();
      if (token === "") {
        message.textContent = t("signIn.empty");
        return;
      }

      submit.disabled = true;
      message.textContent = t("signIn.checking");
      const problem = await checkToken(token);
      submit.disabled = false;
      if (problem) {
        message.textContent = problem;
        input.select();
        return;
      }

      dialog.close();
      dialog.remove();
      resolve(token);
    });
  });
}

// Returns null when the token works, else the message to show.
async function checkToken(token: string): Promise<string | null> {
  try {
    await new ApiClient(token).get("/aircraft-types", { limit: 1 });
    return null;
  } catch (error) {
    if (error instanceof ApiError && error.code !== "network_error") {
      return error.message;
    }
    return t("signIn.network");
  }
}
