import type { Role } from "../auth/roles.js";
import type { AppDeps } from "../http/context.js";
import type { Router } from "../http/router.js";
import { parseOrThrow } from "../http/validation.js";
import { listAudit, listAuditQuery, presentAuditRow } from "./query.js";

// Each reader sees only the object kinds of its work; see visibleTo in query.ts.
export const auditReaders: readonly Role[] = ["admin", "planner", "dispatcher", "coordinator"];

export function registerAuditRoutes(router: Router, deps: AppDeps): void {
  const db = deps.database.db;

  router.add(
    { method: "GET", path: "/api/v1/audit", access: auditReaders, summary: "List audit rows, newest first, by object, actor, action and time", tag: "audit" },
    async (c) => {
      const query = parseOrThrow(listAuditQuery, c.req.query(), 400);
      const { rows, total } = await listAudit(db, c.get("principal")!, query);
      return c.json({ items: rows.map(presentAuditRow), total, limit: query.limit, offset: query.offset });
    },
  );
}
