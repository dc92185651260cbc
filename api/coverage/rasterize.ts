import { localScaleAt } from "./model/index.js";

// Which grid cells a polygon covers, by the even-odd rule applied at each
// cell centre. Every row is scanned at its centre latitude: the longitudes at
// which the polygon's edges cross that latitude are sorted, and the cells
// whose centres lie between the 1st and 2nd crossing, the 3rd and 4th, and so
// on are inside. Holes and the parts of a MultiPolygon fall out of the same
// rule, provided the parts do not overlap (valid MultiPolygons do not).

export interface GridLayout {
  // [west, south, east, north] of the grid's origin; row 0 is the northernmost.
  bbox: readonly [number, number, number, number];
  columns: number;
  rows: number;
  cellWidthDeg: number;
  cellHeightDeg: number;
}

// GeoJSON MultiPolygon coordinates: polygons, rings, [lon, lat] positions.
export type MultiPolygonCoordinates = number[][][][];

/** Lists the indices (row * columns + column) of the cells whose centres lie inside the polygon, in order. */
export function cellsInside(layout: GridLayout, polygon: MultiPolygonCoordinates): Uint32Array {
  const edges = collectEdges(polygon);
  const inside: number[] = [];
  const crossings: number[] = [];
  const [westDeg, , , northDeg] = layout.bbox;

  for (let row = 0; row < layout.rows; row += 1) {
    const latDeg = northDeg - (row + 0.5) * layout.cellHeightDeg;
    crossings.length = 0;
    for (let edge = 0; edge < edges.length; edge += 4) {
      const lat1 = edges[edge + 1]!;
      const lat2 = edges[edge + 3]!;
      // Half-open on latitude, so a vertex exactly on the scan line counts once.
      if (lat1 > latDeg !== lat2 > latDeg) {
        const lon1 = edges[edge]!;
        const lon2 = edges[edge + 2]!;
        crossings.push(lon1 + ((latDeg - lat1) * (lon2 - lon1)) / (lat2 - lat1));
      }
    }
    crossings.sort((first, second) => first - second);

    for (let pair = 0; pair + 1 < crossings.length; pair += 2) {
      // Columns whose centre longitude west + (c + 0.5) * width lies in [enter, leave).
      const firstColumn = Math.max(0, Math.ceil((crossings[pair]! - westDeg) / layout.cellWidthDeg - 0.5));
      const lastColumn = Math.min(layout.columns - 1, Math.ceil((crossings[pair + 1]! - westDeg) / layout.cellWidthDeg - 0.5) - 1);
      for (let column = firstColumn; column <= lastColumn; column += 1) {
        inside.push(row * layout.columns + column);
      }
    }
  }
  return Uint32Array.from(inside);
}

/**
 * Computes the area of one cell in each row, in km², on the WGS-84 ellipsoid:
 * width and height in degrees times the local km per degree at the row's
 * centre latitude. The scale varies linearly across a cell to first order,
 * so taking it at the centre leaves only a second-order error.
 */
export function cellAreaKm2ByRow(layout: GridLayout): Float64Array {
  const areas = new Float64Array(layout.rows);
  for (let row = 0; row < layout.rows; row += 1) {
    const scale = localScaleAt(layout.bbox[3] - (row + 0.5) * layout.cellHeightDeg);
    areas[row] = layout.cellWidthDeg * scale.eastKmPerDeg * layout.cellHeightDeg * scale.northKmPerDeg;
  }
  return areas;
}

// Flattens every ring edge to [lon1, lat1, lon2, lat2, ...].
function collectEdges(polygon: MultiPolygonCoordinates): Float64Array {
  const values: number[] = [];
  for (const part of polygon) {
    for (const ring of part) {
      for (let vertex = 0; vertex + 1 < ring.length; vertex += 1) {
        const from = ring[vertex]!;
        const to = ring[vertex + 1]!;
        values.push(from[0]!, from[1]!, to[0]!, to[1]!);
      }
    }
  }
  return Float64Array.from(values);
}
