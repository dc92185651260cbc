import { sql } from "drizzle-orm";

import type { AppDeps } from "../http/context.js";
import type { Router } from "../http/router.js";

// The administrative units (city, counties, neighbouring cities) that the
// offline base map draws and coverage shares are computed over.
export function registerGeographyRoutes(router: Router, deps: AppDeps): void {
  router.add(
    { method: "GET", path: "/api/v1/admin-areas", access: "any", summary: "Administrative boundaries as GeoJSON", tag: "geography" },
    async (c) => {
      const rows = await deps.database.db.execute<Record<string, unknown>>(sql`
        SELECT adcode, name_zh AS "nameZh", name_en AS "nameEn", level, role, parent_adcode AS "parentAdcode", source,
               round((ST_Area(area::geography) / 1e6)::numeric, 1)::float8 AS "areaKm2",
               ST_AsGeoJSON(area, 6)::json AS geometry
        FROM admin_areas ORDER BY role, adcode`);
      const features = rows.map(({ geometry, ...properties }) => ({
        type: "Feature" as const,
        id: properties.adcode,
        geometry,
        properties,
      }));
      return c.json({ type: "FeatureCollection", features });
    },
  );
}
