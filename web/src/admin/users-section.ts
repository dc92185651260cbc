import { historyButton } from "../audit/index.js";
import type { Role } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { formatClock } from "../core/format.js";
import { t } from "../core/i18n.js";
import type { UserRecord } from "./api.js";
import { cityOptions, roleOptions, type AdminContext } from "./context.js";
import { confirmWrite, openAdminDialog } from "./dialog.js";
import { buildAdminForm, type AdminForm } from "./form.js";
import { adminText, at, type AdminKey } from "./i18n.js";

const headings: AdminKey[] = ["admin.user.username", "admin.user.displayName", "admin.user.role", "admin.user.city", "admin.user.status", "admin.created", "admin.actions"];

// The confirmation field exists only in the console, so its mismatch is
// checked here; the API checks the password's length.
function passwordMismatch(form: AdminForm): boolean {
  if (form.value("password") === form.value("passwordConfirm")) {
    return false;
  }
  form.showErrors([{ code: "password_mismatch", field: "passwordConfirm", message: at("admin.user.passwordMismatch") }]);
  return true;
}

function rowButton(label: AdminKey, testId: string, onClick: () => void): HTMLButtonElement {
  const button = adminText(element("button", { type: "button", class: "admin-row-button", "data-testid": testId }), label);
  button.addEventListener("click", onClick);
  return button;
}

export function openCreateUser(context: AdminContext): void {
  const form = buildAdminForm([
    { name: "username", kind: "text", label: "admin.user.username", help: "admin.user.usernameHelp" },
    { name: "displayName", kind: "text", label: "admin.user.displayName" },
    { name: "role", kind: "select", label: "admin.user.role", options: roleOptions(), value: "viewer" },
    { name: "city", kind: "select", label: "admin.user.city", options: cityOptions(context), value: context.ownCity() },
    { name: "password", kind: "password", label: "admin.user.password", help: "admin.user.passwordHelp" },
    { name: "passwordConfirm", kind: "password", label: "admin.user.passwordConfirm" },
  ]);

  openAdminDialog({
    testId: "admin-user-create",
    title: "admin.user.create",
    body: [form.element],
    submitLabel: "admin.save",
    relabel: () => form.relabel(),
    onSubmit: async () => {
      if (passwordMismatch(form)) {
        return false;
      }
      const result = await context.api.createUser({
        username: form.value("username"),
        displayName: form.value("displayName"),
        role: form.value("role") as Role,
        city: form.value("city"),
        password: form.value("password"),
      });
      if (!result.ok) {
        form.showErrors(result.errors);
        return false;
      }
      await context.reload();
      return true;
    },
  });
}

// Sends only the fields that changed, so that saving an untouched form
// writes nothing and an admin's own row does not trip the API's lockout check.
function openEditUser(context: AdminContext, user: UserRecord): void {
  const form = buildAdminForm([
    { name: "displayName", kind: "text", label: "admin.user.displayName", value: user.displayName },
    { name: "role", kind: "select", label: "admin.user.role", options: roleOptions(), value: user.role },
    { name: "city", kind: "select", label: "admin.user.city", options: cityOptions(context), value: user.city },
  ]);

  openAdminDialog({
    testId: "admin-user-edit",
    title: "admin.user.editTitle",
    titleParams: { username: user.username },
    body: [form.element],
    submitLabel: "admin.save",
    relabel: () => form.relabel(),
    onSubmit: async () => {
      const edited = { displayName: form.value("displayName"), role: form.value("role") as Role, city: form.value("city") };
      const changes = Object.fromEntries(Object.entries(edited).filter(([name, value]) => user[name as keyof typeof edited] !== value));
      if (Object.keys(changes).length === 0) {
        return true;
      }

      const result = await context.api.updateUser(user.id, changes);
      if (!result.ok) {
        form.showErrors(result.errors);
        return false;
      }
      await context.reload();
      return true;
    },
  });
}

function openResetPassword(context: AdminContext, user: UserRecord): void {
  const form = buildAdminForm([
    { name: "password", kind: "password", label: "admin.user.password", help: "admin.user.passwordHelp" },
    { name: "passwordConfirm", kind: "password", label: "admin.user.passwordConfirm" },
  ]);

  openAdminDialog({
    testId: "admin-user-password",
    title: "admin.user.resetTitle",
    titleParams: { username: user.username },
    body: [adminText(element("p", { class: "form-help" }), "admin.user.resetHelp"), form.element],
    submitLabel: "admin.save",
    onSubmit: async () => {
      if (passwordMismatch(form)) {
        return false;
      }
      const result = await context.api.updateUser(user.id, { password: form.value("password") });
      if (!result.ok) {
        form.showErrors(result.errors);
        return false;
      }
      await context.reload();
      return true;
    },
  });
}

// Disabling ends the user's sessions, so it requests confirmation first.
// Enabling does not.
async function setDisabled(context: AdminContext, user: UserRecord, disabled: boolean): Promise<void> {
  if (disabled) {
    const done = await confirmWrite("admin-user-disable", "admin.user.confirmDisable", { username: user.username }, "admin.user.disable", () =>
      context.api.updateUser(user.id, { disabled: true }),
    );
    if (done) {
      await context.reload();
    }
    return;
  }

  const result = await context.api.updateUser(user.id, { disabled: false });
  if (!result.ok) {
    context.showErrors(result.errors);
    return;
  }
  await context.reload();
}

async function deleteUser(context: AdminContext, user: UserRecord): Promise<void> {
  const params = { username: user.username, displayName: user.displayName };
  const done = await confirmWrite("admin-user-delete", "admin.user.confirmDelete", params, "admin.user.delete", () => context.api.deleteUser(user.id));
  if (done) {
    await context.reload();
  }
}

function userRow(context: AdminContext, user: UserRecord): HTMLTableRowElement {
  const status = user.disabled ? at("admin.user.disabled") : at("admin.user.enabled");
  const actions = element("td", { class: "admin-actions" }, [
    rowButton("admin.user.edit", "admin-action-edit", () => openEditUser(context, user)),
    rowButton("admin.user.resetPassword", "admin-action-password", () => openResetPassword(context, user)),
    user.disabled
      ? rowButton("admin.user.enable", "admin-action-enable", () => void setDisabled(context, user, false))
      : rowButton("admin.user.disable", "admin-action-disable", () => void setDisabled(context, user, true)),
    rowButton("admin.user.delete", "admin-action-delete", () => void deleteUser(context, user)),
    historyButton("user", user.id, () => user.username, "admin-action-history"),
  ]);

  return element("tr", { "data-testid": `admin-user-${user.username}`, class: user.disabled ? "admin-row-disabled" : "" }, [
    element("td", { class: "admin-code" }, [user.username]),
    element("td", {}, [user.displayName]),
    element("td", { "data-testid": "admin-user-role" }, [t(`role.${user.role}`)]),
    element("td", { "data-testid": "admin-user-city" }, [context.cityName(user.city)]),
    element("td", { "data-testid": "admin-user-status" }, [status]),
    element("td", {}, [formatClock(new Date(user.createdAt))]),
    actions,
  ]);
}

// The users table with a button per write; the API sends no last sign-in
// time, so the table has no such column.
export function usersTable(context: AdminContext, users: UserRecord[]): HTMLElement {
  if (users.length === 0) {
    return adminText(element("p", { class: "form-help" }), "admin.user.none");
  }
  return element("table", { class: "admin-table", "data-testid": "admin-users" }, [
    element("thead", {}, [element("tr", {}, headings.map((key) => adminText(element("th"), key)))]),
    element("tbody", {}, users.map((user) => userRow(context, user))),
  ]);
}
