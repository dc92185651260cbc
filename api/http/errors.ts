// One error type for every API failure: an HTTP status, a stable `code`, the
// field and value at fault, and what was expected. The message is rendered in
// the caller's language (messages.ts) when the response is written.
export interface ErrorDetail {
  code: string;
  field?: string;
  value?: unknown;
  expected?: string;
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly details: ErrorDetail[];

  constructor(status: number, details: ErrorDetail | ErrorDetail[]) {
    const list = Array.isArray(details) ? details : [details];
    super(list.map((d) => `${d.field ?? "request"}: ${d.code}`).join("; "));
    this.status = status;
    this.details = list;
  }
}

export const badRequest = (detail: ErrorDetail) => new ApiError(400, detail);
export const unprocessable = (details: ErrorDetail | ErrorDetail[]) => new ApiError(422, details);
export const notFound = (field: string, value: unknown) => new ApiError(404, { code: "not_found", field, value });
export const conflict = (detail: ErrorDetail) => new ApiError(409, detail);
