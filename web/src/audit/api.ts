import { ApiClient, type ItemList } from "../core/api-client.js";
import type { Role } from "../core/capabilities.js";
import { storedToken } from "../core/token.js";

// One row of GET /api/v1/audit, as api/audit/query.ts presents it.
export interface AuditRow {
  id: number;
  // ISO 8601 in UTC.
  at: string;
  // "user:<id>", "token:<id>", "ADMIN_TOKEN" or "tracking".
  actor: string;
  actorName: string;
  actorRole: Role | null;
  // A lower-case verb: create, update, delete, status, assign, close, acknowledge, request, approve...
  action: string;
  objectKind: string;
  objectId: string;
  // The object as clients see it before and after the change; null where it did not exist.
  before: unknown;
  after: unknown;
  requestId: string | null;
}

// Fetches one page of an object's audit rows, newest first. The console
// keeps its token in localStorage from sign-in on (web/src/main.ts), so the
// dialog needs no token passed down from the app. Raises ApiError.
export async function fetchAuditPage(objectKind: string, objectId: string, limit: number, offset: number): Promise<ItemList<AuditRow>> {
  const api = new ApiClient(storedToken() ?? "");
  return api.get<ItemList<AuditRow>>("/audit", { objectKind, objectId, limit, offset });
}
