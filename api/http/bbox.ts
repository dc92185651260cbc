import { z } from "zod";

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

// A bbox query parameter: "minLon,minLat,maxLon,maxLat" in degrees, with
// min < max on both axes. Lists and the history window read it the same way.
export const bboxSchema = z.string().transform((text, ctx) => {
  const parts = text.split(",").map(Number);
  const [minLon, minLat, maxLon, maxLat] = parts;
  const valid =
    parts.length === 4 &&
    parts.every(Number.isFinite) &&
    minLon! >= -180 && maxLon! <= 180 && minLat! >= -90 && maxLat! <= 90 &&
    minLon! < maxLon! && minLat! < maxLat!;
  if (!valid) {
    ctx.addIssue({ code: "custom", params: { code: "invalid_query", expected: "minLon,minLat,maxLon,maxLat in degrees, min < max" }, message: "bbox" });
    return z.NEVER;
  }
  return parts as Bbox;
});
