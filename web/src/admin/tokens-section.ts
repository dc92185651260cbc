import type { Role } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { formatClock } from "../core/format.js";
import { t } from "../core/i18n.js";
import type { CreatedToken, TokenRecord } from "./api.js";
import { cityOptions, roleOptions, type AdminContext } from "./context.js";
import { confirmWrite, openAdminDialog } from "./dialog.js";
import { buildAdminForm } from "./form.js";
import { adminText, at, type AdminKey } from "./i18n.js";

const headings: AdminKey[] = ["admin.token.name", "admin.token.role", "admin.token.city", "admin.created", "admin.token.lastUsed", "admin.token.status", "admin.actions"];

// Copies with the Clipboard API where the page may use it, else through a
// selection and execCommand, which older browsers and plain-HTTP pages
// other than localhost still allow. Returns whether either worked.
async function copySecret(input: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    return document.execCommand("copy");
  }
}

// Shows a new token's secret in a read-only box with a copy button. The
// secret lives only in this dialog, which is removed when closed, and the
// API never returns it again.
function showSecret(created: CreatedToken): void {
  const secret = element("input", { type: "text", readonly: "", class: "admin-secret", spellcheck: "false", value: created.token, "data-testid": "admin-token-secret" });
  const status = element("span", { class: "form-help", role: "status", "data-testid": "admin-token-copy-status" });
  const copy = adminText(element("button", { type: "button", "data-testid": "admin-token-copy" }), "admin.token.copy");
  copy.addEventListener("click", async () => {
    adminText(status, (await copySecret(secret)) ? "admin.token.copied" : "admin.token.copyFailed");
  });
  secret.addEventListener("focus", () => secret.select());

  openAdminDialog({
    testId: "admin-token-secret-dialog",
    title: "admin.token.secretTitle",
    titleParams: { name: created.name },
    body: [
      adminText(element("p", { class: "admin-warning", role: "alert", "data-testid": "admin-token-warning" }), "admin.token.secretWarning"),
      element("label", { class: "field" }, [adminText(element("span"), "admin.token.secret"), element("div", { class: "admin-secret-row" }, [secret, copy])]),
      status,
    ],
    submitLabel: "admin.token.done",
    cancelable: false,
    onSubmit: async () => true,
  });
}

export function openCreateToken(context: AdminContext): void {
  const form = buildAdminForm([
    { name: "name", kind: "text", label: "admin.token.name", help: "admin.token.nameHelp" },
    { name: "role", kind: "select", label: "admin.token.role", options: roleOptions(), value: "feed" },
    { name: "city", kind: "select", label: "admin.token.city", options: cityOptions(context), value: context.ownCity() },
  ]);

  openAdminDialog({
    testId: "admin-token-create",
    title: "admin.token.create",
    body: [form.element],
    submitLabel: "admin.save",
    relabel: () => form.relabel(),
    onSubmit: async () => {
      const result = await context.api.createToken({ name: form.value("name"), role: form.value("role") as Role, city: form.value("city") });
      if (!result.ok || !result.body) {
        form.showErrors(result.ok ? [] : result.errors);
        return false;
      }
      showSecret(result.body);
      await context.reload();
      return true;
    },
  });
}

async function revokeToken(context: AdminContext, token: TokenRecord): Promise<void> {
  const done = await confirmWrite("admin-token-revoke", "admin.token.confirmRevoke", { name: token.name }, "admin.token.revoke", () => context.api.revokeToken(token.id));
  if (done) {
    await context.reload();
  }
}

function tokenRow(context: AdminContext, token: TokenRecord): HTMLTableRowElement {
  const status = token.revokedAt ? at("admin.token.revokedAt", { time: formatClock(new Date(token.revokedAt)) }) : at("admin.token.active");
  const revoke = token.revokedAt ? null : adminText(element("button", { type: "button", class: "admin-row-button", "data-testid": "admin-action-revoke" }), "admin.token.revoke");
  revoke?.addEventListener("click", () => void revokeToken(context, token));

  return element("tr", { "data-testid": `admin-token-${token.id}`, class: token.revokedAt ? "admin-row-disabled" : "" }, [
    element("td", { "data-testid": "admin-token-name" }, [token.name]),
    element("td", {}, [t(`role.${token.role}`)]),
    element("td", {}, [context.cityName(token.city)]),
    element("td", {}, [formatClock(new Date(token.createdAt))]),
    element("td", { "data-testid": "admin-token-last-used" }, [token.lastUsedAt ? formatClock(new Date(token.lastUsedAt)) : at("admin.token.neverUsed")]),
    element("td", { "data-testid": "admin-token-status" }, [status]),
    element("td", { class: "admin-actions" }, [revoke]),
  ]);
}

// The tokens table, newest first as the API lists them. Tokens have no
// expiry, as the note under the heading states. The last use is recorded
// to the minute.
export function tokensTable(context: AdminContext, tokens: TokenRecord[]): HTMLElement {
  if (tokens.length === 0) {
    return adminText(element("p", { class: "form-help" }), "admin.token.none");
  }
  return element("table", { class: "admin-table", "data-testid": "admin-tokens" }, [
    element("thead", {}, [element("tr", {}, headings.map((key) => adminText(element("th"), key)))]),
    element("tbody", {}, tokens.map((token) => tokenRow(context, token))),
  ]);
}
