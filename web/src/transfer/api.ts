import { currentLanguage, t } from "../core/i18n.js";
import type { DefaultField, TransferFormat, TransferKind } from "./kinds.js";

// One reason for a rejected row, with `message` in the requested language.
export interface RowError {
  code: string;
  field: string | null;
  value: unknown;
  expected: string | null;
  message: string;
}

// One record of the file: where it is (CSV line, GPX/KML element or feature
// index from 0), what the import does with it, and why it was rejected.
export interface ReportRow {
  index: number;
  line: number | null;
  element: string | null;
  name: string | null;
  folder: string | null;
  action: "create" | "update" | "reject";
  id: number | string | null;
  errors: RowError[];
}

export interface ImportReport {
  kind: string;
  format: TransferFormat;
  dryRun: boolean;
  applied: boolean;
  summary: { total: number; create: number; update: number; reject: number; skipped: number };
  ignoredFields: string[];
  rows: ReportRow[];
}

export interface ImportRequest {
  kind: TransferKind;
  file: File;
  format: TransferFormat;
  gcj02: boolean;
  defaults: Partial<Record<DefaultField, string>>;
  dryRun: boolean;
}

// The outcome of POST /imports: a report (200, or 422 import_rejected on an
// apply), or an error without a report (403, 400, 413, 422 invalid_file).
export type ImportOutcome =
  | { kind: "report"; status: number; report: ImportReport; message: string | null }
  | { kind: "error"; status: number; code: string; message: string };

function importUrl(apiBase: string, request: ImportRequest): string {
  const query = new URLSearchParams({
    kind: request.kind.path,
    format: request.format,
    dryRun: String(request.dryRun),
    crs: request.gcj02 ? "gcj02" : "wgs84",
  });
  for (const [field, value] of Object.entries(request.defaults)) {
    if (value !== undefined && value !== "") {
      query.set(`defaults[${field}]`, value);
    }
  }
  return `${apiBase}/imports?${query}`;
}

async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return null;
  }
}

// Sends the file as the multipart `file` part with its name. A request
// that never got a response returns status 0.
export async function postImport(apiBase: string, token: string, request: ImportRequest): Promise<ImportOutcome> {
  const body = new FormData();
  body.append("file", request.file, request.file.name);

  let response: Response;
  try {
    response = await fetch(importUrl(apiBase, request), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "accept-language": currentLanguage(), accept: "application/json" },
      body,
    });
  } catch (error) {
    console.warn("POST /imports failed", error);
    return { kind: "error", status: 0, code: "network_error", message: t("error.network") };
  }

  const json = await readJson(response);
  const error = json?.error as { code?: string; message?: string } | undefined;
  if (json && Array.isArray(json.rows)) {
    return { kind: "report", status: response.status, report: json as unknown as ImportReport, message: error?.message ?? null };
  }
  return { kind: "error", status: response.status, code: error?.code ?? "http_error", message: error?.message ?? `HTTP ${response.status}` };
}

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
}

// Downloads an export with the bearer token, which a plain link cannot
// send, and hands it to the browser as a file. Throws an Error with the
// API's message when the export fails.
export async function downloadExport(apiBase: string, token: string, path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${apiBase}/exports/${path}`, {
      headers: { authorization: `Bearer ${token}`, "accept-language": currentLanguage() },
    });
  } catch (error) {
    console.warn(`GET /exports/${path} failed`, error);
    throw new Error(t("error.network"));
  }
  if (!response.ok) {
    const json = await readJson(response);
    const error = json?.error as { message?: string } | undefined;
    throw new Error(error?.message ?? `HTTP ${response.status}`);
  }

  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = fileNameOf(response, fallbackName);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, because the browser reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
