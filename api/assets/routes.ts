import type { Context } from "hono";
import { z } from "zod";

import { auditActorOf } from "../audit/log.js";
import { assetWriters } from "../auth/roles.js";
import { assertCityWrite } from "../auth/users/city-scope.js";
import { bboxSchema } from "../http/bbox.js";
import { ApiError } from "../http/errors.js";
import { readJson, type Router } from "../http/router.js";
import { parseOrThrow } from "../http/validation.js";
import type { AppDeps, AppEnv } from "../http/context.js";
import { geometrySchema, type Geometry } from "./geometry.js";
import { assetKinds, type AssetKind } from "./kinds.js";
import { presentAsset, presentList } from "./presenter.js";
import { createAsset, deleteAsset, getAsset, listAssets, updateAsset, type AssetWriteContext } from "./repository.js";

const listQuery = z
  .object({
    bbox: bboxSchema.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

function featureSchema(kind: AssetKind, partial: boolean) {
  const geometry = geometrySchema(kind.geometry!.accepts);
  return z
    .object({
      type: z.literal("Feature"),
      id: z.union([z.string(), z.number()]).optional(),
      geometry: partial ? geometry.optional() : geometry,
      properties: partial ? kind.create.partial() : kind.create,
    })
    .strict();
}

function bodySchema(kind: AssetKind, partial: boolean) {
  if (kind.geometry) {
    return featureSchema(kind, partial);
  }
  return partial ? kind.create.partial() : kind.create;
}

// Splits a validated body into properties and geometry.
function splitBody(kind: AssetKind, body: Record<string, unknown>) {
  if (!kind.geometry) {
    return { properties: body, geometry: null };
  }
  return {
    properties: (body.properties ?? {}) as Record<string, unknown>,
    geometry: (body.geometry ?? null) as Geometry | null,
  };
}

function parseId(kind: AssetKind, raw: string): string | number {
  if (kind.idFormat === "slug") {
    return raw;
  }
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) {
    throw new ApiError(400, { code: "invalid_query", field: "id", value: raw, expected: "a positive integer" });
  }
  return Number(raw);
}

// Writes are audited, and a principal writes only rows of its own city
// (admins of the home city write anywhere). Kinds without a city have no city rule.
function writeContext(c: Context<AppEnv>): AssetWriteContext {
  const principal = c.get("principal");
  return { audit: auditActorOf(c), assertWritable: (row) => assertCityWrite(principal, row.city) };
}

function registerKind(router: Router, deps: AppDeps, kind: AssetKind): void {
  const db = deps.database.db;
  const base = `/api/v1/${kind.path}`;
  const tag = kind.path;

  router.add({ method: "GET", path: base, access: "any", summary: `List ${kind.path}`, tag }, async (c) => {
    const query = parseOrThrow(listQuery, c.req.query(), 400);
    if (query.bbox && !kind.geometry) {
      throw new ApiError(400, { code: "invalid_query", field: "bbox", value: c.req.query("bbox"), expected: "no bbox: this kind has no geometry" });
    }
    const { rows, total } = await listAssets(db, kind, { bbox: query.bbox ?? null, limit: query.limit, offset: query.offset });
    return c.json(presentList(kind, rows, { total, limit: query.limit, offset: query.offset }));
  });

  router.add({ method: "GET", path: `${base}/:id`, access: "any", summary: `Get one of ${kind.path}`, tag }, async (c) => {
    const row = await getAsset(db, kind, parseId(kind, c.req.param("id")!));
    return c.json(presentAsset(kind, row));
  });

  const createBody = bodySchema(kind, false);
  router.add({ method: "POST", path: base, access: assetWriters, summary: `Create one of ${kind.path}`, tag, body: createBody }, async (c) => {
    const body = parseOrThrow(createBody, await readJson(c)) as Record<string, unknown>;
    const { properties, geometry } = splitBody(kind, body);
    const row = await createAsset(db, kind, properties, geometry, writeContext(c));
    deps.logger.info({ kind: kind.path, id: row.id, by: c.get("principal")?.name }, "asset created");
    return c.json(presentAsset(kind, row), 201);
  });

  const patchBody = bodySchema(kind, true);
  router.add({ method: "PATCH", path: `${base}/:id`, access: assetWriters, summary: `Update one of ${kind.path}`, tag, body: patchBody }, async (c) => {
    const id = parseId(kind, c.req.param("id")!);
    const body = parseOrThrow(patchBody, await readJson(c)) as Record<string, unknown>;
    const { properties, geometry } = splitBody(kind, body);
    const row = await updateAsset(db, kind, id, properties, geometry, writeContext(c));
    deps.logger.info({ kind: kind.path, id, by: c.get("principal")?.name }, "asset updated");
    return c.json(presentAsset(kind, row));
  });

  router.add({ method: "DELETE", path: `${base}/:id`, access: assetWriters, summary: `Delete one of ${kind.path}`, tag }, async (c) => {
    const id = parseId(kind, c.req.param("id")!);
    await deleteAsset(db, kind, id, writeContext(c));
    deps.logger.info({ kind: kind.path, id, by: c.get("principal")?.name }, "asset deleted");
    return c.body(null, 204);
  });
}

export function registerAssetRoutes(router: Router, deps: AppDeps): void {
  for (const kind of assetKinds) {
    registerKind(router, deps, kind);
  }
}
