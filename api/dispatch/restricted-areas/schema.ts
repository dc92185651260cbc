import { z } from "zod";

import { geometrySchema } from "../../assets/geometry.js";

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const fields = {
  nameZh: z.string().trim().min(1).max(120),
  nameEn: optionalText(120),
  geometry: geometrySchema(["Polygon", "MultiPolygon"]),
  // ISO 8601; activeFrom defaults to now, a null activeUntil means until removed.
  activeFrom: z.iso.datetime({ offset: true }).optional(),
  activeUntil: z.iso.datetime({ offset: true }).nullable().optional(),
  notes: optionalText(2000),
};

function checkWindow(body: { activeFrom?: string; activeUntil?: string | null }, ctx: z.RefinementCtx): void {
  if (body.activeFrom && body.activeUntil && Date.parse(body.activeUntil) <= Date.parse(body.activeFrom)) {
    ctx.addIssue({ code: "custom", path: ["activeUntil"], params: { code: "invalid_value", expected: "a time after activeFrom" }, message: "order" });
  }
}

export const createRestrictedAreaBody = z.object(fields).strict().superRefine(checkWindow);
export const updateRestrictedAreaBody = z.object(fields).partial().strict().superRefine(checkWindow);

export type CreateRestrictedArea = z.infer<typeof createRestrictedAreaBody>;
export type UpdateRestrictedArea = z.infer<typeof updateRestrictedAreaBody>;
