import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { freshDatabase } from "../test/database.js";
import { isochroneRuns, type ResponseTimeGrid } from "./model/index.js";
import type { GridLayout } from "./rasterize.js";
import { traceCells } from "./trace.js";

const database = await freshDatabase();

// A 12 x 10 grid of 0.1-degree cells over 107-108.2 E, 40-41 N.
const layout: GridLayout = { bbox: [107, 40, 108.2, 41], columns: 12, rows: 10, cellWidthDeg: 0.1, cellHeightDeg: 0.1 };

function fromRows(rows: string[]): (cell: number) => boolean {
  return (cell) => rows[Math.floor(cell / layout.columns)]?.[cell % layout.columns] === "#";
}

// A small linear congruential generator, so the random grids are the same on every run.
function randomCells(seed: number, fill: number): (cell: number) => boolean {
  let state = seed;
  const cells = Array.from({ length: layout.columns * layout.rows }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 < fill;
  });
  return (cell) => cells[cell]!;
}

// Checks the traced outline against PostGIS: valid, and the same area as
// ST_Union of the cell rectangles, with no area in one and not the other.
async function compareWithPostgis(inside: (cell: number) => boolean) {
  const traced = { type: "MultiPolygon", coordinates: traceCells(layout, inside) };
  // The model's row runs of the same cells, as the isochrones were drawn before tracing.
  const etaMin = Float32Array.from({ length: layout.columns * layout.rows }, (_, cell) => (inside(cell) ? 0 : Number.NaN));
  const runs = isochroneRuns({ ...layout, etaMin } as unknown as ResponseTimeGrid, 0);
  const rectangles = runs.map(([west, south, east, north]) => `ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`);
  const union = rectangles.length === 0 ? "ST_GeomFromText('POLYGON EMPTY', 4326)" : `ST_Union(ARRAY[${rectangles.join(",")}])`;

  const rows = await database.db.execute<{ valid: boolean; reason: string; differenceDeg2: number; areaDeg2: number; unionDeg2: number }>(sql`
    WITH t AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(traced)}), 4326) AS traced, ${sql.raw(union)} AS unioned)
    SELECT ST_IsValid(traced) AS valid, ST_IsValidReason(traced) AS reason,
           ST_Area(ST_SymDifference(traced, unioned))::float8 AS "differenceDeg2",
           ST_Area(traced)::float8 AS "areaDeg2", ST_Area(unioned)::float8 AS "unionDeg2"
    FROM t`);
  return rows[0]!;
}

describe("traceCells", () => {
  it("outlines one cell counter-clockwise", () => {
    const polygons = traceCells(layout, (cell) => cell === 0);
    expect(polygons).toHaveLength(1);
    const ring = polygons[0]![0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    // Shoelace in degrees: positive for counter-clockwise.
    let twiceArea = 0;
    for (let index = 0; index + 1 < ring.length; index += 1) {
      twiceArea += ring[index]![0]! * ring[index + 1]![1]! - ring[index + 1]![0]! * ring[index]![1]!;
    }
    expect(twiceArea / 2).toBeCloseTo(0.01, 9);
  });

  it("keeps a hole inside its ring", async () => {
    const inside = fromRows(["#####", "#...#", "#...#", "#####"]);
    const polygons = traceCells(layout, inside);
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(2);
    const check = await compareWithPostgis(inside);
    expect(check.valid).toBe(true);
    expect(check.differenceDeg2).toBeLessThan(1e-12);
  });

  it("separates cells that touch at a corner", async () => {
    const inside = fromRows(["#.", ".#"]);
    expect(traceCells(layout, inside)).toHaveLength(2);
    const check = await compareWithPostgis(inside);
    expect(check.reason).toBe("Valid Geometry");
  });

  it("splits a hole pinched at a corner", async () => {
    // The two hole cells touch diagonally inside one ring of cells.
    const inside = fromRows(["####", "#.##", "##.#", "####"]);
    const check = await compareWithPostgis(inside);
    expect(check.reason).toBe("Valid Geometry");
    expect(check.differenceDeg2).toBeLessThan(1e-12);
    expect(check.areaDeg2).toBeCloseTo(0.14, 9);
  });

  it("nests an island in a hole", async () => {
    const inside = fromRows(["#######", "#.....#", "#.###.#", "#.#.#.#", "#.###.#", "#.....#", "#######"]);
    const check = await compareWithPostgis(inside);
    expect(check.reason).toBe("Valid Geometry");
    expect(check.differenceDeg2).toBeLessThan(1e-12);
  });

  it("matches PostGIS on random grids", async () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const fill = 0.25 + (seed % 7) * 0.08;
      const check = await compareWithPostgis(randomCells(seed, fill));
      expect(check.reason, `seed ${seed}`).toBe("Valid Geometry");
      expect(check.differenceDeg2, `seed ${seed}`).toBeLessThan(1e-12);
      expect(check.areaDeg2, `seed ${seed}`).toBeCloseTo(check.unionDeg2, 12);
    }
  });

  it("returns nothing for no cells", () => {
    expect(traceCells(layout, () => false)).toEqual([]);
  });
});
