import { auditActorOf } from "../../audit/log.js";
import type { AppDeps } from "../../http/context.js";
import { readJson, type Router } from "../../http/router.js";
import { parseOrThrow } from "../../http/validation.js";
import { actorOf, dispatchWriters, parseIdParam } from "../http.js";
import type { DispatchEvents } from "../runtime-events.js";
import {
  createRestrictedArea,
  deleteRestrictedArea,
  getRestrictedArea,
  listRestrictedAreas,
  updateRestrictedArea,
  type RestrictedAreaRow,
} from "./repository.js";
import { createRestrictedAreaBody, updateRestrictedAreaBody } from "./schema.js";

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

// Presents a restricted area as a GeoJSON Feature, listing every property.
function presentRestrictedArea(row: RestrictedAreaRow) {
  return {
    type: "Feature" as const,
    id: row.id,
    geometry: row.geometry,
    properties: {
      id: row.id,
      nameZh: row.nameZh,
      nameEn: row.nameEn,
      activeFrom: iso(row.activeFromMs),
      activeUntil: iso(row.activeUntilMs),
      notes: row.notes,
      createdBy: row.createdBy,
    },
  };
}

export function registerRestrictedAreaRoutes(router: Router, deps: AppDeps, events: DispatchEvents): void {
  const db = deps.database.db;
  const tag = "restricted-areas";
  const base = "/api/v1/restricted-areas";

  router.add({ method: "GET", path: base, access: "any", summary: "List restricted areas", tag }, async (c) => {
    const rows = await listRestrictedAreas(db);
    return c.json({ type: "FeatureCollection", features: rows.map(presentRestrictedArea), total: rows.length });
  });

  router.add({ method: "GET", path: `${base}/:id`, access: "any", summary: "Get one restricted area", tag }, async (c) => {
    return c.json(presentRestrictedArea(await getRestrictedArea(db, parseIdParam(c.req.param("id")))));
  });

  router.add(
    { method: "POST", path: base, access: dispatchWriters, summary: "Create a restricted area, e.g. a temporary restriction over a fire", tag, body: createRestrictedAreaBody },
    async (c) => {
      const body = parseOrThrow(createRestrictedAreaBody, await readJson(c));
      const id = await createRestrictedArea(db, body, auditActorOf(c));
      deps.logger.info({ restrictedAreaId: id, by: actorOf(c) }, "restricted area created");
      events.restrictedAreasChanged();
      return c.json(presentRestrictedArea(await getRestrictedArea(db, id)), 201);
    },
  );

  router.add(
    { method: "PATCH", path: `${base}/:id`, access: dispatchWriters, summary: "Update a restricted area", tag, body: updateRestrictedAreaBody },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const body = parseOrThrow(updateRestrictedAreaBody, await readJson(c));
      await updateRestrictedArea(db, id, body, auditActorOf(c));
      deps.logger.info({ restrictedAreaId: id, by: actorOf(c) }, "restricted area updated");
      events.restrictedAreasChanged();
      return c.json(presentRestrictedArea(await getRestrictedArea(db, id)));
    },
  );

  router.add({ method: "DELETE", path: `${base}/:id`, access: dispatchWriters, summary: "Delete a restricted area", tag }, async (c) => {
    const id = parseIdParam(c.req.param("id"));
    await deleteRestrictedArea(db, id, auditActorOf(c));
    deps.logger.info({ restrictedAreaId: id, by: actorOf(c) }, "restricted area deleted");
    events.restrictedAreasChanged();
    return c.body(null, 204);
  });
}
