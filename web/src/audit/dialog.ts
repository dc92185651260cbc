import { formatClock } from "../core/format.js";
import { element } from "../core/dom.js";
import { onLanguageChange, t, type MessageKey } from "../core/i18n.js";
import { fetchAuditPage, type AuditRow } from "./api.js";
import { describeChanges, type FieldChange } from "./changes.js";
import { at, isAuditKey } from "./i18n.js";
import { languageSwitch } from "../ui/language-switch.js";
import "./audit.css";

// Rows fetched per page; "more" fetches the next page.
const pageSize = 20;

let openDialog: AuditDialog | null = null;

// Opens the audit log of one object in a modal dialog, newest change first.
// objectKind is the API's kind: an asset path such as "landing-points", or
// incident, mission, alert, user, mutual_aid_request. title names the object
// in the heading; a function is called again after a language switch. The
// caller checks canReadAudit(objectKind) first, since the API rejects other
// roles with 403.
export function openAuditLog(objectKind: string, objectId: string | number, title: string | (() => string)): void {
  openDialog?.close();
  openDialog = new AuditDialog(objectKind, String(objectId), title);
  openDialog.open();
}

function actionLabel(action: string): string {
  const key = `audit.action.${action}`;
  return isAuditKey(key) ? at(key) : action;
}

function actorLabel(row: AuditRow): string {
  if (row.actor === "tracking") {
    return at("audit.trackingActor");
  }
  if (row.actorRole === null) {
    return row.actorName;
  }
  return at("audit.actorRole", { name: row.actorName, role: t(`role.${row.actorRole}` as MessageKey) });
}

function changeRow(change: FieldChange): HTMLElement {
  const value =
    change.before === null
      ? [element("span", { class: "audit-after" }, [change.after])]
      : [element("span", { class: "audit-before" }, [change.before]), " → ", element("span", { class: "audit-after" }, [change.after])];
  return element("tr", { "data-field": change.field }, [element("th", { scope: "row" }, [change.label]), element("td", {}, value)]);
}

function entry(row: AuditRow): HTMLElement {
  const { mode, changes } = describeChanges(row);
  const details =
    changes.length > 0
      ? element("table", { class: "audit-changes" }, [element("tbody", {}, changes.map(changeRow))])
      : mode === "diff"
        ? element("p", { class: "audit-muted" }, [at("audit.noChanges")])
        : null;

  return element("li", { class: `audit-entry audit-${mode}`, "data-testid": "audit-entry", "data-action": row.action }, [
    element("div", { class: "audit-entry-head" }, [
      element("time", { class: "audit-time", datetime: row.at }, [formatClock(new Date(row.at))]),
      element("span", { class: "audit-actor" }, [actorLabel(row)]),
      element("strong", { class: "audit-action" }, [actionLabel(row.action)]),
    ]),
    details,
  ]);
}

// The dialog of one object's audit rows. It re-renders in the new language
// when the console switches, and leaves the page when it closes.
class AuditDialog {
  private readonly dialog = element("dialog", { class: "audit-dialog", "data-testid": "audit-dialog" });
  // The modal dialog makes the header's switch unreachable, so it has its own.
  private readonly switcher = languageSwitch("audit-language");
  private rows: AuditRow[] = [];
  private total: number | null = null;
  private loading = false;
  private error: string | null = null;
  private stopListening: () => void = () => {};

  constructor(
    private readonly objectKind: string,
    private readonly objectId: string,
    private readonly title: string | (() => string),
  ) {}

  open(): void {
    this.dialog.addEventListener("close", () => this.dispose());
    document.body.append(this.dialog);
    this.stopListening = onLanguageChange(() => this.render());
    this.render();
    this.dialog.showModal();
    void this.loadMore();
  }

  close(): void {
    this.dialog.close();
  }

  private dispose(): void {
    this.stopListening();
    this.dialog.remove();
    if (openDialog === this) {
      openDialog = null;
    }
  }

  private async loadMore(): Promise<void> {
    this.loading = true;
    this.error = null;
    this.render();
    try {
      const page = await fetchAuditPage(this.objectKind, this.objectId, pageSize, this.rows.length);
      this.rows.push(...page.items);
      this.total = page.total;
    } catch (error) {
      console.warn(`loading the audit log of ${this.objectKind} ${this.objectId} failed`, error);
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.loading = false;
    this.render();
  }

  private render(): void {
    const close = element("button", { type: "button", class: "close-button", "data-testid": "audit-close", "aria-label": at("audit.close") }, ["×"]);
    close.addEventListener("click", () => this.close());
    const titleText = typeof this.title === "function" ? this.title() : this.title;

    const children: Array<Node | null> = [
      element("div", { class: "dialog-heading" }, [element("h2", {}, [at("audit.title", { title: titleText })]), this.switcher, close]),
      this.total === null ? null : element("p", { class: "audit-muted", "data-testid": "audit-total" }, [this.total === 1 ? at("audit.totalOne") : at("audit.total", { total: this.total })]),
      this.rows.length > 0 ? element("ol", { class: "audit-entries", "data-testid": "audit-entries" }, this.rows.map(entry)) : null,
      this.total === 0 ? element("p", { class: "audit-muted", "data-testid": "audit-empty" }, [at("audit.empty")]) : null,
      this.loading ? element("p", { class: "audit-muted" }, [at("audit.loading")]) : null,
      this.error === null ? null : element("p", { class: "form-error", role: "alert", "data-testid": "audit-error" }, [at("audit.failed", { message: this.error })]),
      this.moreButton(),
    ];
    this.dialog.replaceChildren(...children.filter((child): child is Node => child !== null));
  }

  private moreButton(): HTMLElement | null {
    const left = (this.total ?? 0) - this.rows.length;
    if (this.loading || left <= 0) {
      return null;
    }
    const more = element("button", { type: "button", class: "audit-more", "data-testid": "audit-more" }, [at("audit.more", { count: left })]);
    more.addEventListener("click", () => void this.loadMore());
    return more;
  }
}
