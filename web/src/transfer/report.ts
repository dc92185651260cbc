import { element } from "../core/dom.js";
import { t } from "../core/i18n.js";
import type { ImportReport, ReportRow } from "./api.js";

// Returns where a record sits in its file: the CSV line, else the GPX or
// KML element, else the GeoJSON feature counted from 1.
function rowPlace(row: ReportRow): string {
  if (row.line !== null) {
    return t("transfer.line", { n: row.line });
  }
  if (row.element !== null) {
    return row.element;
  }
  return t("transfer.feature", { n: row.index + 1 });
}

function rowName(row: ReportRow): string {
  const name = row.name ?? "—";
  return row.folder ? `${row.folder} / ${name}` : name;
}

function renderRow(row: ReportRow): HTMLElement {
  const reasons = element("td", { class: "transfer-reason" });
  for (const error of row.errors) {
    reasons.append(element("div", {}, [error.message]));
  }

  return element("tr", { class: `transfer-row transfer-${row.action}`, "data-testid": "transfer-row", "data-action": row.action }, [
    element("td", { class: "transfer-place" }, [rowPlace(row)]),
    element("td", { class: "transfer-name" }, [rowName(row)]),
    element("td", { class: "transfer-action" }, [t(`transfer.action.${row.action}`)]),
    reasons,
  ]);
}

// Renders the report of a dry run or an apply: the counts, the columns the
// import ignored, and a table with one row per record of the file.
export function renderReport(report: ImportReport): HTMLElement {
  const { summary } = report;
  const notes = [element("p", { class: "transfer-summary", "data-testid": "transfer-summary" }, [t("transfer.summary", summary)])];
  if (summary.skipped > 0) {
    notes.push(element("p", { class: "transfer-note" }, [t("transfer.skipped", { n: summary.skipped })]));
  }
  if (report.ignoredFields.length > 0) {
    notes.push(element("p", { class: "transfer-note" }, [t("transfer.ignoredFields", { fields: report.ignoredFields.join(t("value.listSeparator")) })]));
  }

  const header = element("tr", {}, (["line", "name", "action", "reason"] as const).map((column) => element("th", {}, [t(`transfer.col.${column}`)])));
  const table = element("table", { class: "transfer-table", "data-testid": "transfer-report" }, [
    element("thead", {}, [header]),
    element("tbody", {}, report.rows.map(renderRow)),
  ]);
  return element("div", { class: "transfer-report" }, [...notes, table]);
}
