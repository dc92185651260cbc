import { z } from "zod";

import { checkLonLat, checkMissionFields, missionBodyFields, missionQueryFields } from "./options.js";

// One request schema per endpoint. Query strings arrive as text, so the GET
// schemas parse numbers, booleans and comma-separated lists themselves.

const anyNumber = z.string().trim().min(1).transform(Number).pipe(z.number());

/** GET /api/v1/eta */
export const etaQuerySchema = z
  .object({ lon: anyNumber, lat: anyNumber, ...missionQueryFields })
  .strict()
  .superRefine((query, ctx) => {
    checkMissionFields(query, ctx);
    checkLonLat(query.lon, query.lat, ["lon"], ctx);
  });

export type EtaQuery = z.infer<typeof etaQuerySchema>;
