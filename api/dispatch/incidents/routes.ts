import { auditActorOf } from "../../audit/log.js";
import type { AppDeps } from "../../http/context.js";
import { readJson, type Router } from "../../http/router.js";
import { parseOrThrow } from "../../http/validation.js";
import { actorOf, dispatchWriters, parseIdParam } from "../http.js";
import { presentIncident } from "./presenter.js";
import { closeIncident, createIncident, getIncident, listIncidents, updateIncident } from "./repository.js";
import { closeIncidentBody, createIncidentBody, listIncidentsQuery, updateIncidentBody } from "./schema.js";

export function registerIncidentRoutes(router: Router, deps: AppDeps): void {
  const db = deps.database.db;
  const tag = "incidents";

  router.add({ method: "GET", path: "/api/v1/incidents", access: "any", summary: "List incidents, newest report first", tag }, async (c) => {
    const query = parseOrThrow(listIncidentsQuery, c.req.query(), 400);
    const { rows, total } = await listIncidents(db, query);
    return c.json({ items: rows.map(presentIncident), total, limit: query.limit, offset: query.offset });
  });

  router.add({ method: "GET", path: "/api/v1/incidents/:id", access: "any", summary: "Get one incident", tag }, async (c) => {
    const row = await getIncident(db, parseIdParam(c.req.param("id")));
    return c.json(presentIncident(row));
  });

  router.add(
    { method: "POST", path: "/api/v1/incidents", access: dispatchWriters, summary: "Record an incident at a point or fire-front polygon", tag, body: createIncidentBody },
    async (c) => {
      const body = parseOrThrow(createIncidentBody, await readJson(c));
      const row = await createIncident(db, body, auditActorOf(c));
      deps.logger.info({ incidentId: row.id, kind: row.kind, by: actorOf(c) }, "incident created");
      return c.json(presentIncident(row), 201);
    },
  );

  router.add(
    { method: "PATCH", path: "/api/v1/incidents/:id", access: dispatchWriters, summary: "Update an open incident", tag, body: updateIncidentBody },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const body = parseOrThrow(updateIncidentBody, await readJson(c));
      const row = await updateIncident(db, id, body, auditActorOf(c));
      deps.logger.info({ incidentId: id, by: actorOf(c) }, "incident updated");
      return c.json(presentIncident(row));
    },
  );

  router.add(
    { method: "POST", path: "/api/v1/incidents/:id/close", access: dispatchWriters, summary: "Close an incident whose missions have ended", tag, body: closeIncidentBody },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const body = parseOrThrow(closeIncidentBody, await readJson(c));
      const row = await closeIncident(db, id, body.notes, auditActorOf(c));
      deps.logger.info({ incidentId: id, by: actorOf(c) }, "incident closed");
      return c.json(presentIncident(row));
    },
  );
}
