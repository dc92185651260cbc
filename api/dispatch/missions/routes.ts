import { auditActorOf } from "../../audit/log.js";
import type { AppDeps } from "../../http/context.js";
import { readJson, type Router } from "../../http/router.js";
import { parseOrThrow } from "../../http/validation.js";
import { actorOf, dispatchWriters, parseIdParam } from "../http.js";
import { findIncident } from "../incidents/repository.js";
import type { DispatchEvents } from "../runtime-events.js";
import { missionMessage } from "./frame.js";
import { presentMission } from "./presenter.js";
import { createMission, getMission, listDispatchedMissions, listMissions, transitionMission } from "./repository.js";
import { createMissionBody, listMissionsQuery, missionStatusBody, statsQuery } from "./schema.js";
import { estimateMissionEta } from "./service.js";
import { arrivalStatsByKind } from "./stats.js";

// `clock` gives the time of manual changes; tests that replay a flight share it with the tracking rules.
export function registerMissionRoutes(router: Router, deps: AppDeps, events: DispatchEvents, clock: () => number): void {
  const db = deps.database.db;
  const tag = "missions";

  // Registered before /missions/:id so that "stats" is not read as an id.
  router.add(
    { method: "GET", path: "/api/v1/missions/stats", access: "any", summary: "Share of missions on scene within target and median arrival, by incident kind", tag },
    async (c) => {
      const query = parseOrThrow(statsQuery, c.req.query(), 400);
      const rows = await listDispatchedMissions(db, query.from, query.to);
      return c.json({ from: new Date(query.from).toISOString(), to: new Date(query.to).toISOString(), ...arrivalStatsByKind(rows, clock()) });
    },
  );

  router.add({ method: "GET", path: "/api/v1/missions", access: "any", summary: "List missions, newest first", tag }, async (c) => {
    const query = parseOrThrow(listMissionsQuery, c.req.query(), 400);
    const active = query.active === undefined ? undefined : query.active === "true";
    const { rows, total } = await listMissions(db, { active, incidentId: query.incidentId, aircraftId: query.aircraftId, limit: query.limit, offset: query.offset });
    return c.json({ items: rows.map((row) => presentMission(row)), total, limit: query.limit, offset: query.offset });
  });

  router.add({ method: "GET", path: "/api/v1/missions/:id", access: "any", summary: "Get a mission with its timeline", tag }, async (c) => {
    const { mission, events: timeline } = await getMission(db, parseIdParam(c.req.param("id")));
    return c.json(presentMission(mission, timeline));
  });

  router.add(
    { method: "POST", path: "/api/v1/missions", access: dispatchWriters, summary: "Assign an aircraft to an incident", tag, body: createMissionBody },
    async (c) => {
      const body = parseOrThrow(createMissionBody, await readJson(c));
      const nowMs = clock();
      // A missing incident is reported by createMission as a 422 on incidentId.
      const incident = await findIncident(db, body.incidentId);
      const eta = incident ? await estimateMissionEta(deps.database, deps.tracking, body.aircraftId, incident, nowMs) : null;
      // Home-city admins dispatch for their own city too: a partner aircraft comes through mutual aid.
      const dispatcherCity = c.get("principal")!.city;
      const { missionId, overrideNote } = await createMission(db, body, { dispatcherCity, eta, audit: auditActorOf(c), nowMs });

      deps.logger.info({ missionId, incidentId: body.incidentId, aircraftId: body.aircraftId, override: overrideNote, by: actorOf(c) }, "mission created");
      events.missionsChanged();
      const { mission, events: timeline } = await getMission(db, missionId);
      events.publishMission(missionMessage(mission, timeline));
      return c.json(presentMission(mission, timeline), 201);
    },
  );

  router.add(
    { method: "POST", path: "/api/v1/missions/:id/status", access: dispatchWriters, summary: "Set a mission's status by hand", tag, body: missionStatusBody },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const body = parseOrThrow(missionStatusBody, await readJson(c));
      await transitionMission(db, id, { to: body.status, audit: auditActorOf(c), timeMs: clock(), note: body.note ?? null, principal: c.get("principal")! });

      deps.logger.info({ missionId: id, status: body.status, by: actorOf(c) }, "mission status set");
      events.missionsChanged();
      const { mission, events: timeline } = await getMission(db, id);
      events.publishMission(missionMessage(mission, timeline));
      return c.json(presentMission(mission, timeline));
    },
  );
}
