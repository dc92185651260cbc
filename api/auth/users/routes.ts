import { auditActorOf } from "../../audit/log.js";
import { parseIdParam } from "../../dispatch/http.js";
import type { AppDeps } from "../../http/context.js";
import { readJson, type Router } from "../../http/router.js";
import { parseOrThrow } from "../../http/validation.js";
import { adminOnly } from "../roles.js";
import { presentUser } from "./presenter.js";
import { createUser, deleteUser, getUser, listUsers, updateUser } from "./repository.js";
import { createUserBody, listUsersQuery, parseWithPassword, updateUserBody } from "./schema.js";

// Admins manage the users of their own city; admins of the home city manage all.
export function registerUserRoutes(router: Router, deps: AppDeps): void {
  const db = deps.database.db;
  const tag = "users";

  router.add({ method: "GET", path: "/api/v1/users", access: adminOnly, summary: "List users (never their password hashes)", tag }, async (c) => {
    const query = parseOrThrow(listUsersQuery, c.req.query(), 400);
    const { rows, total } = await listUsers(db, query);
    return c.json({ items: rows.map(presentUser), total, limit: query.limit, offset: query.offset });
  });

  router.add({ method: "GET", path: "/api/v1/users/:id", access: adminOnly, summary: "Get one user", tag }, async (c) => {
    return c.json(presentUser(await getUser(db, parseIdParam(c.req.param("id")))));
  });

  router.add({ method: "POST", path: "/api/v1/users", access: adminOnly, summary: "Create a user with a password", tag, body: createUserBody }, async (c) => {
    const body = parseWithPassword(createUserBody, await readJson(c));
    const row = await createUser(db, c.get("principal")!, auditActorOf(c), body);
    deps.logger.info({ userId: row.id, role: row.role, city: row.city, by: c.get("principal")?.name }, "user created");
    return c.json(presentUser(row), 201);
  });

  router.add(
    { method: "PATCH", path: "/api/v1/users/:id", access: adminOnly, summary: "Change a user; a new password or disabling ends their sessions", tag, body: updateUserBody },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const body = parseWithPassword(updateUserBody, await readJson(c));
      const row = await updateUser(db, c.get("principal")!, auditActorOf(c), id, body);
      deps.logger.info({ userId: id, fields: Object.keys(body), by: c.get("principal")?.name }, "user updated");
      return c.json(presentUser(row));
    },
  );

  router.add({ method: "DELETE", path: "/api/v1/users/:id", access: adminOnly, summary: "Delete a user and their sessions", tag }, async (c) => {
    const id = parseIdParam(c.req.param("id"));
    await deleteUser(db, c.get("principal")!, auditActorOf(c), id);
    deps.logger.info({ userId: id, by: c.get("principal")?.name }, "user deleted");
    return c.body(null, 204);
  });
}
