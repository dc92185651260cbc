import type { z } from "zod";

import { ApiError, type ErrorDetail } from "./errors.js";

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function fieldName(path: PropertyKey[]): string {
  return path.map(String).join(".") || "body";
}

// Maps one zod issue to our stable codes, so clients never depend on zod's wording.
export function toDetail(issue: z.core.$ZodIssue, input: unknown): ErrorDetail[] {
  const value = valueAt(input, issue.path);
  const field = fieldName(issue.path);

  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return { code: "unknown_field", field: fieldName(path), value: valueAt(input, path) };
      });
    case "invalid_type":
      if (value === undefined) {
        return [{ code: "missing_field", field }];
      }
      return [{ code: "invalid_type", field, value, expected: issue.expected }];
    // An exclusive bound (positive(), gt()) keeps the code and sets
    // params.exclusive, so the message reads "greater than" where 0 itself is invalid.
    // A length bound on a string or a list sets params.length, so the
    // message counts characters or items instead of comparing numbers.
    case "too_small":
      return [{ code: "too_small", field, value, expected: String(issue.minimum), ...boundParams(issue.inclusive, issue.origin, value) }];
    case "too_big":
      return [{ code: "too_big", field, value, expected: String(issue.maximum), ...boundParams(issue.inclusive, issue.origin, value) }];
    case "invalid_value":
      return [{ code: "invalid_value", field, value, expected: issue.values.map(String).join(" | ") }];
    case "invalid_format":
      // A regex check carries a readable example of the expected form as its message.
      return [{ code: "invalid_format", field, value, expected: issue.format === "regex" ? issue.message : issue.format }];
    case "custom": {
      // `count` is for messages about a list, whose value is the list itself.
      const params = (issue.params ?? {}) as { code?: string; expected?: string; count?: number };
      const counted = params.count === undefined ? {} : { params: { count: params.count } };
      return [{ code: params.code ?? "invalid_value", field, value, expected: params.expected ?? issue.message, ...counted }];
    }
    default:
      return [{ code: "invalid_value", field, value, expected: issue.message }];
  }
}

// Parses input against a schema or throws a 422 listing every issue found.
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, status = 422): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }

  const details = result.error.issues.flatMap((issue) => toDetail(issue, input));
  throw new ApiError(status, details);
}

function boundParams(inclusive: boolean | undefined, origin: string, value: unknown): { params?: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
  if (inclusive === false) {
    params.exclusive = 1;
  }
  if ((origin === "string" || origin === "array") && (typeof value === "string" || Array.isArray(value))) {
    params.length = value.length;
    params.unit = origin === "string" ? "characters" : "items";
  }
  return Object.keys(params).length > 0 ? { params } : {};
}
