import { z } from "zod";

import { ApiError } from "../../http/errors.js";
import { parseOrThrow } from "../../http/validation.js";
import { roles } from "../roles.js";

// Lower-case so that "Zhang.Wei" and "zhang.wei" are one account.
const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, { error: "3 to 40 letters, digits, dots, dashes or underscores, such as zhang.wei" });

// 10 characters at least; 256 at most keeps hashing cost bounded.
const password = z.string().min(10).max(256);
const displayName = z.string().trim().min(1).max(120);
const city = z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,39}$/, { error: "a city code such as bayannur" });

export const createUserBody = z
  .object({ username, displayName, role: z.enum(roles), city, password, disabled: z.boolean().optional() })
  .strict();

export const updateUserBody = z
  .object({
    displayName: displayName.optional(),
    role: z.enum(roles).optional(),
    city: city.optional(),
    password: password.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export const listUsersQuery = z
  .object({
    city: city.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export type CreateUser = z.infer<typeof createUserBody>;
export type UpdateUser = z.infer<typeof updateUserBody>;

// Parses a body that carries a password, leaving password values out of the
// error details so that a rejected password is never echoed or logged.
export function parseWithPassword<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  try {
    return parseOrThrow(schema, input);
  } catch (error) {
    if (error instanceof ApiError) {
      for (const detail of error.details) {
        if (detail.field === "password") {
          delete detail.value;
        }
      }
    }
    throw error;
  }
}
