import type { Context } from "hono";

import { auditActorOf } from "../audit/log.js";
import type { Role } from "../auth/roles.js";
import type { Principal } from "../auth/tokens.js";
import { canWriteCity } from "../auth/users/city-scope.js";
import { parseIdParam } from "../dispatch/http.js";
import type { AppDeps, AppEnv } from "../http/context.js";
import { readJson, type Router } from "../http/router.js";
import { parseOrThrow } from "../http/validation.js";
import { registerCityRoutes } from "./cities.js";
import { registerCoverageImpactRoute } from "./coverage-impact.js";
import { openIncidentIdsInCity } from "./incident-city.js";
import { activeLoans } from "./loans.js";
import { mutualAidFrame, presentRequest, type MutualAidEvent, type RequestRow } from "./presenter.js";
import { approveRequest, cancelRequest, createRequest, declineRequest, getRequest, listRequests, returnLoan } from "./repository.js";
import { approveRequestBody, closeRequestBody, createRequestBody, declineRequestBody, incidentsInCityQuery, listRequestsQuery } from "./schema.js";

// Coordinators request, approve, decline and return; admins may stand in.
export const mutualAidWriters: readonly Role[] = ["admin", "coordinator"];
// Everyone who works the desk may read requests and loans; feed tokens may not.
export const mutualAidReaders: readonly Role[] = ["admin", "planner", "dispatcher", "coordinator", "viewer"];

// The live frames of a request go to readers of the two cities involved and
// to admins of the home city, who may act for any city (canWriteCity). The
// REST list stays open to every reader.
export function seesLiveStep(principal: Principal, row: Pick<RequestRow, "requestingCity" | "lendingCity">): boolean {
  if (!mutualAidReaders.includes(principal.role)) {
    return false;
  }
  return canWriteCity(principal, row.requestingCity) || canWriteCity(principal, row.lendingCity);
}

export function registerMutualAidRoutes(router: Router, deps: AppDeps): void {
  const db = deps.database.db;
  const tag = "mutual-aid";
  const base = "/api/v1/mutual-aid/requests";

  registerCityRoutes(router, deps);
  registerCoverageImpactRoute(router, deps);

  // Pushes each step live to the consoles of the two cities involved.
  const publish = (c: Context<AppEnv>, event: MutualAidEvent, row: RequestRow) => {
    deps.tracking?.hub.broadcastTo(mutualAidFrame(event, row), (principal) => seesLiveStep(principal, row));
    deps.logger.info({ mutualAidRequestId: row.id, event, requestingCity: row.requestingCity, lendingCity: row.lendingCity, by: c.get("principal")?.name }, "mutual aid");
    return presentRequest(row);
  };

  router.add({ method: "GET", path: base, access: mutualAidReaders, summary: "List mutual-aid requests, newest first", tag }, async (c) => {
    const query = parseOrThrow(listRequestsQuery, c.req.query(), 400);
    const { rows, total } = await listRequests(db, query);
    return c.json({ items: rows.map(presentRequest), total, limit: query.limit, offset: query.offset });
  });

  router.add({ method: "GET", path: `${base}/:id`, access: mutualAidReaders, summary: "Get one mutual-aid request", tag }, async (c) => {
    return c.json(presentRequest(await getRequest(db, parseIdParam(c.req.param("id")))));
  });

  router.add(
    { method: "POST", path: base, access: mutualAidWriters, summary: "Request an aircraft, or any suitable one, from a partner city", tag, body: createRequestBody },
    async (c) => {
      const body = parseOrThrow(createRequestBody, await readJson(c));
      const row = await createRequest(db, c.get("principal")!, auditActorOf(c), body);
      return c.json(publish(c, "requested", row), 201);
    },
  );

  router.add(
    { method: "POST", path: `${base}/:id/approve`, access: mutualAidWriters, summary: "Lend the aircraft (lending city)", tag, body: approveRequestBody },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const body = parseOrThrow(approveRequestBody, await readJson(c));
      const row = await approveRequest(db, c.get("principal")!, auditActorOf(c), id, body);
      return c.json(publish(c, "approved", row));
    },
  );

  router.add(
    { method: "POST", path: `${base}/:id/decline`, access: mutualAidWriters, summary: "Decline a request with a reason (lending city)", tag, body: declineRequestBody },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const body = parseOrThrow(declineRequestBody, await readJson(c));
      const row = await declineRequest(db, c.get("principal")!, auditActorOf(c), id, body.reason);
      return c.json(publish(c, "declined", row));
    },
  );

  router.add(
    { method: "POST", path: `${base}/:id/cancel`, access: mutualAidWriters, summary: "Withdraw a request not yet decided (requesting city)", tag, body: closeRequestBody },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const body = parseOrThrow(closeRequestBody, await readJson(c));
      const row = await cancelRequest(db, c.get("principal")!, auditActorOf(c), id, body.notes);
      return c.json(publish(c, "cancelled", row));
    },
  );

  router.add(
    { method: "POST", path: `${base}/:id/return`, access: mutualAidWriters, summary: "End a loan (either city)", tag, body: closeRequestBody },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const body = parseOrThrow(closeRequestBody, await readJson(c));
      const row = await returnLoan(db, c.get("principal")!, auditActorOf(c), id, body.notes);
      return c.json(publish(c, "returned", row));
    },
  );

  // The request form offers only these: a city requests aid for its own incidents.
  router.add(
    { method: "GET", path: "/api/v1/mutual-aid/incidents", access: mutualAidReaders, summary: "List the open incidents a city may link to a request", tag },
    async (c) => {
      const query = parseOrThrow(incidentsInCityQuery, c.req.query(), 400);
      const city = query.city ?? c.get("principal")!.city;
      return c.json({ city, incidentIds: await openIncidentIdsInCity(db, city) });
    },
  );

  router.add({ method: "GET", path: "/api/v1/mutual-aid/loans", access: mutualAidReaders, summary: "List aircraft on loan and not yet returned", tag }, async (c) => {
    const loans = await activeLoans(db);
    return c.json({ items: loans.map((loan) => ({ ...loan, approvedAt: loan.approvedAt.toISOString() })) });
  });
}
