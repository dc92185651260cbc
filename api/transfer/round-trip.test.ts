import { beforeAll, describe, expect, it } from "vitest";

import { seedDemo } from "../../scripts/seed.js";
import { testApp } from "../test/app.js";
import { download, upload } from "./test-client.js";

// Exports every spatial kind of the seeded demo data, imports each file into
// a fresh database and compares the two exports feature by feature.

let source: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  source = await testApp();
  await seedDemo(source.database);
});

// Bases go first so that the patrol routes' homeBaseId finds the same ids.
const kinds = ["bases", "landing-points", "water-sources", "patrol-routes", "risk-areas"] as const;
const formats = ["geojson", "kml", "gpx", "csv"] as const;
const withoutGpx = new Set(["risk-areas"]);
const auditFields = ["id", "createdAt", "updatedAt"];

interface Feature {
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

async function featuresOf(app: typeof source, kind: string): Promise<Map<string, Feature>> {
  const res = await download(app, `/api/v1/exports/${kind}.geojson`);
  const collection = JSON.parse(res.text) as { features: Feature[] };
  return new Map(collection.features.map((feature) => [feature.properties.nameZh as string, feature]));
}

function positions(coordinates: unknown): number[][] {
  const list = coordinates as unknown[];
  return typeof list[0] === "number" ? [list as number[]] : list.flatMap(positions);
}

function withoutAudit(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !auditFields.includes(key)));
}

describe("round trip", () => {
  for (const format of formats) {
    it(`keeps every feature through ${format}`, async () => {
      const target = await testApp();

      for (const kind of kinds) {
        if (format === "gpx" && withoutGpx.has(kind)) {
          continue;
        }
        const exported = await download(source, `/api/v1/exports/${kind}.${format}`);
        expect(exported.status, `${kind}.${format} export`).toBe(200);

        // The demo data spans every city, which only a home-city admin may write.
        const imported = await upload(target, `kind=${kind}&format=${format}&dryRun=false`, exported.bytes, { language: "en", token: target.tokens.admin });
        expect(imported.status, `${kind}.${format}: ${JSON.stringify(imported.json?.rows?.find((r: { action: string }) => r.action === "reject"))}`).toBe(200);
        expect(imported.json.ignoredFields, `${kind}.${format}`).toEqual([]);

        const before = await featuresOf(source, kind);
        const after = await featuresOf(target, kind);
        expect(before.size, `${kind} demo features`).toBeGreaterThan(0);
        expect([...after.keys()].sort(), `${kind}.${format} names`).toEqual([...before.keys()].sort());

        for (const [name, original] of before) {
          const copy = after.get(name)!;
          expect(withoutAudit(copy.properties), `${kind}.${format} ${name}`).toEqual(withoutAudit(original.properties));
          expect(copy.geometry.type, `${kind}.${format} ${name}`).toBe(original.geometry.type);

          const originalPositions = positions(original.geometry.coordinates);
          const copyPositions = positions(copy.geometry.coordinates);
          expect(copyPositions.length, `${kind}.${format} ${name}`).toBe(originalPositions.length);
          copyPositions.forEach(([lon, lat], i) => {
            expect(Math.abs(lon! - originalPositions[i]![0]!), `${kind}.${format} ${name} lon ${i}`).toBeLessThan(1e-6);
            expect(Math.abs(lat! - originalPositions[i]![1]!), `${kind}.${format} ${name} lat ${i}`).toBeLessThan(1e-6);
          });
        }
      }

      // Base ids must match for homeBaseId to mean the same base.
      const sourceBases = await source.database.sql`SELECT id, code FROM bases ORDER BY id`;
      const targetBases = await target.database.sql`SELECT id, code FROM bases ORDER BY id`;
      expect(targetBases).toEqual(sourceBases);
    });
  }
});
