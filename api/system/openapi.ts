import { z } from "zod";

import type { RouteSpec } from "../http/router.js";

const errorResponse = {
  description: "Error with a stable code, the field, the value and a message in zh-CN or en (Accept-Language)",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

function operation(spec: RouteSpec) {
  const op: Record<string, unknown> = {
    summary: spec.summary,
    tags: [spec.tag],
    security: spec.access === "public" ? [] : [{ bearer: [] }],
    "x-roles": spec.access,
    responses: { "200": { description: "OK" }, "4XX": errorResponse },
  };
  if (spec.body) {
    const schema = z.toJSONSchema(spec.body, { io: "input", unrepresentable: "any" });
    op.requestBody = { required: true, content: { "application/json": { schema } } };
  }
  return op;
}

// Builds the OpenAPI 3.1 document from the router's table, so it lists
// exactly the routes that exist and the roles each accepts.
export function buildOpenApi(specs: RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:([A-Za-z]+)/g, "{$1}");
    paths[path] ??= {};
    paths[path]![spec.method.toLowerCase()] = operation(spec);
  }

  return {
    openapi: "3.1.0",
    info: { title: "Bayannur air rescue dispatch API", version: "1" },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: {
          type: "object",
          properties: {
            error: {
              type: "object",
              properties: {
                code: { type: "string" },
                field: { type: "string" },
                value: {},
                expected: { type: "string" },
                message: { type: "string" },
              },
            },
            errors: { type: "array" },
          },
        },
      },
    },
    paths,
  };
}
