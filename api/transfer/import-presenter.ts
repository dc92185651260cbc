import type { ErrorDetail } from "../http/errors.js";
import { renderMessage, type Locale } from "../http/messages.js";
import type { ApplyResult } from "./apply.js";
import type { ImportRequest } from "./import-query.js";

function presentError(detail: ErrorDetail, locale: Locale) {
  return {
    code: detail.code,
    field: detail.field ?? null,
    value: detail.value ?? null,
    expected: detail.expected ?? null,
    message: renderMessage(detail, locale),
  };
}

// Presents the import report: the request as understood, counts, and one
// entry per record with where it is in the file, what happens to it, and
// why a rejected record was rejected, in the caller's language.
export function presentImport(request: ImportRequest, result: ApplyResult, locale: Locale) {
  const rows = result.plan.rows;
  const count = (action: string) => rows.filter((row) => row.action === action).length;

  return {
    kind: request.kind.path,
    format: request.format,
    dryRun: request.dryRun,
    crs: request.crs,
    match: request.match,
    applied: result.committed,
    summary: {
      total: rows.length,
      create: count("create"),
      update: count("update"),
      reject: count("reject"),
      skipped: result.plan.skipped,
    },
    ignoredFields: result.plan.ignoredFields,
    rows: rows.map((row) => ({
      index: row.ref.index,
      line: row.ref.line ?? null,
      element: row.ref.element ?? null,
      name: row.ref.name ?? null,
      folder: row.ref.folder ?? null,
      action: row.action,
      id: row.id ?? null,
      errors: row.errors.map((detail) => presentError(detail, locale)),
    })),
  };
}
