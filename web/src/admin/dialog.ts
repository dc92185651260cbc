import { element } from "../core/dom.js";
import { onLanguageChange } from "../core/i18n.js";
import type { AdminWrite } from "./api.js";
import { adminText, translateAdmin, type AdminKey } from "./i18n.js";

export interface DialogOptions {
  testId: string;
  title: AdminKey;
  titleParams?: Record<string, string | number>;
  body: Node[];
  submitLabel: AdminKey;
  // False leaves out the Cancel button, for a dialog with one way out.
  cancelable?: boolean;
  // Runs on submit; the dialog closes when it returns true.
  onSubmit(): Promise<boolean>;
  // Rewrites texts that adminText did not mark, after a language switch.
  relabel?(): void;
}

export interface AdminDialog {
  element: HTMLDialogElement;
  close(): void;
}

// Opens a modal dialog with a title, the given body and Cancel and submit
// buttons. It follows language switches while open and is removed from the
// page when closed.
export function openAdminDialog(options: DialogOptions): AdminDialog {
  const submit = adminText(element("button", { type: "submit", class: "primary", "data-testid": `${options.testId}-submit` }), options.submitLabel);
  const cancel = adminText(element("button", { type: "button", "data-testid": `${options.testId}-cancel` }), "admin.cancel");
  const form = element("form", { method: "dialog" }, [
    adminText(element("h2"), options.title, options.titleParams),
    ...options.body,
    element("div", { class: "dialog-actions" }, [options.cancelable === false ? null : cancel, submit]),
  ]);
  const dialog = element("dialog", { class: "admin-dialog", "data-testid": options.testId }, [form]);

  const stopListening = onLanguageChange(() => {
    translateAdmin(dialog);
    options.relabel?.();
  });
  const close = () => {
    stopListening();
    dialog.close();
    dialog.remove();
  };

  cancel.addEventListener("click", close);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    close();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const done = await options.onSubmit().finally(() => {
      submit.disabled = false;
    });
    if (done) {
      close();
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  return { element: dialog, close };
}

// Asks before a write that cannot be undone, then runs it. The API's
// message stays in the dialog when the write fails. Resolves with whether
// the write succeeded.
export function confirmWrite(testId: string, message: AdminKey, params: Record<string, string | number>, confirmLabel: AdminKey, write: () => Promise<AdminWrite<unknown>>): Promise<boolean> {
  const error = element("p", { class: "form-error", role: "alert", "data-testid": `${testId}-error` });

  return new Promise((resolve) => {
    const dialog = openAdminDialog({
      testId,
      title: "admin.confirmTitle",
      body: [adminText(element("p", { class: "admin-confirm-message" }), message, params), error],
      submitLabel: confirmLabel,
      onSubmit: async () => {
        const result = await write();
        if (!result.ok) {
          error.textContent = result.errors.map((entry) => entry.message).join(" ");
          return false;
        }
        resolve(true);
        return true;
      },
    });
    dialog.element.addEventListener("close", () => resolve(false));
  });
}
