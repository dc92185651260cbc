import { z } from "zod";

import { auditActorOf } from "../../audit/log.js";
import type { AppDeps } from "../../http/context.js";
import type { Router } from "../../http/router.js";
import { parseOrThrow } from "../../http/validation.js";
import { actorOf, dispatchWriters, parseIdParam } from "../http.js";
import { alertMessage, presentAlert } from "./frame.js";
import { acknowledgeAlert, listAlerts } from "./repository.js";

const listAlertsQuery = z
  .object({
    open: z.enum(["true", "false"]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export function registerAlertRoutes(router: Router, deps: AppDeps, clock: () => number): void {
  const db = deps.database.db;
  const tag = "alerts";

  router.add({ method: "GET", path: "/api/v1/alerts", access: "any", summary: "List flight-following alerts, newest first", tag }, async (c) => {
    const query = parseOrThrow(listAlertsQuery, c.req.query(), 400);
    const open = query.open === undefined ? undefined : query.open === "true";
    const { rows, total } = await listAlerts(db, { open, limit: query.limit, offset: query.offset });
    return c.json({ items: rows.map(presentAlert), total, limit: query.limit, offset: query.offset });
  });

  router.add(
    { method: "POST", path: "/api/v1/alerts/:id/acknowledge", access: dispatchWriters, summary: "Acknowledge an open alert", tag },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const { row, changed } = await acknowledgeAlert(db, id, auditActorOf(c), clock());
      if (changed) {
        deps.logger.info({ alertId: id, kind: row.kind, aircraftId: row.aircraftId, by: actorOf(c) }, "alert acknowledged");
        deps.tracking?.hub.broadcast(alertMessage("acknowledged", row));
      }
      return c.json(presentAlert(row));
    },
  );
}
