import type { GridLayout } from "./rasterize.js";

// Polygons from grid cells without a geometry engine: the outline of the
// cells for which `inside(cell)` holds, traced along cell edges.
//
// Lattice points are (x, y) with x = column and y = row (y grows south).
// Every side of an inside cell that faces an outside cell (or the grid's edge)
// is a directed edge with the inside on its left, looking at the map with
// north up. Following the edges end to start gives closed rings: outer rings
// counter-clockwise and holes clockwise, as GeoJSON's right-hand rule wants.
//
// Where two inside cells touch only at a corner (a saddle), the walk turns
// left, so it keeps to the cell it came along and diagonal cells are not
// joined. A ring that comes back to a lattice point it already passed is cut
// there into two rings, so no ring touches itself, which OGC validity forbids.
// Rings then touch only at single points, which it allows.

type Ring = number[][];

export type MultiPolygonCoordinates = Ring[][];

interface Edge {
  from: number;
  to: number;
  // Direction with north up: (dx, dy) in {(1,0), (-1,0), (0,1), (0,-1)}.
  dx: number;
  dy: number;
  used: boolean;
}

/** Traces the cells for which `inside(cell)` is true into MultiPolygon coordinates in [lon, lat]. */
export function traceCells(layout: GridLayout, inside: (cell: number) => boolean): MultiPolygonCoordinates {
  const edges = collectEdges(layout, inside);
  const rings = linkRings(edges, layout.columns + 1);

  const outers: { ring: Ring; areaSigned: number; holes: Ring[] }[] = [];
  const holes: Ring[] = [];
  for (const ring of rings) {
    const areaSigned = signedArea(ring);
    if (areaSigned > 0) {
      outers.push({ ring, areaSigned, holes: [] });
    } else if (areaSigned < 0) {
      holes.push(ring);
    }
  }

  // Each hole goes to the smallest outer ring around a point just inside it.
  outers.sort((first, second) => first.areaSigned - second.areaSigned);
  for (const hole of holes) {
    const probe = pointInsideHole(hole);
    const owner = outers.find((outer) => containsPoint(outer.ring, probe));
    owner?.holes.push(hole);
  }

  return outers.map((outer) => [outer.ring, ...outer.holes].map((ring) => toLonLat(ring, layout)));
}

function collectEdges(layout: GridLayout, inside: (cell: number) => boolean): Map<number, Edge[]> {
  const { columns, rows } = layout;
  const stride = columns + 1;
  // One predicate call per cell; the neighbour checks below then read this mask.
  const mask = new Uint8Array(columns * rows);
  for (let cell = 0; cell < mask.length; cell += 1) {
    mask[cell] = inside(cell) ? 1 : 0;
  }
  const isInside = (row: number, column: number) =>
    row >= 0 && row < rows && column >= 0 && column < columns && mask[row * columns + column] === 1;
  const outgoing = new Map<number, Edge[]>();
  const add = (fromX: number, fromY: number, toX: number, toY: number) => {
    const edge: Edge = { from: fromY * stride + fromX, to: toY * stride + toX, dx: toX - fromX, dy: fromY - toY, used: false };
    const list = outgoing.get(edge.from);
    if (list === undefined) {
      outgoing.set(edge.from, [edge]);
    } else {
      list.push(edge);
    }
  };

  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      if (mask[row * columns + column] === 0) {
        continue;
      }
      if (!isInside(row - 1, column)) {
        add(column + 1, row, column, row);
      }
      if (!isInside(row + 1, column)) {
        add(column, row + 1, column + 1, row + 1);
      }
      if (!isInside(row, column - 1)) {
        add(column, row, column, row + 1);
      }
      if (!isInside(row, column + 1)) {
        add(column + 1, row + 1, column + 1, row);
      }
    }
  }
  return outgoing;
}

// Walks every edge once. Each ring is a list of lattice points [x, y], closed.
function linkRings(outgoing: Map<number, Edge[]>, stride: number): Ring[] {
  const rings: Ring[] = [];

  for (const list of outgoing.values()) {
    for (const start of list) {
      if (start.used) {
        continue;
      }
      walkFrom(start, outgoing, stride, rings);
    }
  }
  return rings;
}

function walkFrom(start: Edge, outgoing: Map<number, Edge[]>, stride: number, rings: Ring[]): void {
  // The path of lattice points so far, and where each point sits in it.
  const path: number[] = [start.from];
  const positions = new Map<number, number>([[start.from, 0]]);
  let edge = start;

  for (;;) {
    edge.used = true;
    const point = edge.to;
    const seenAt = positions.get(point);
    if (seenAt !== undefined) {
      // Back at a point already on the path: the points since then form a ring.
      const loop = path.splice(seenAt + 1);
      loop.forEach((looped) => positions.delete(looped));
      rings.push(closeRing([point, ...loop], stride));
    } else {
      positions.set(point, path.length);
      path.push(point);
    }

    const next = nextEdge(edge, outgoing.get(point) ?? []);
    if (next === null) {
      return;
    }
    edge = next;
  }
}

// The unused edge leaving the point; at a saddle the one turning left.
function nextEdge(incoming: Edge, candidates: readonly Edge[]): Edge | null {
  let chosen: Edge | null = null;
  for (const candidate of candidates) {
    if (candidate.used) {
      continue;
    }
    // Cross product > 0: a left turn, with north up.
    const turn = incoming.dx * candidate.dy - incoming.dy * candidate.dx;
    if (chosen === null || turn > 0) {
      chosen = candidate;
    }
  }
  return chosen;
}

// Turns point ids into [x, y] with y north-up (-row), drops points where the
// direction does not change, and repeats the first point at the end.
function closeRing(points: readonly number[], stride: number): Ring {
  const coordinates = points.map((point) => [point % stride, -Math.floor(point / stride)]);
  const kept: Ring = [];

  for (let index = 0; index < coordinates.length; index += 1) {
    const previous = coordinates[(index - 1 + coordinates.length) % coordinates.length]!;
    const current = coordinates[index]!;
    const next = coordinates[(index + 1) % coordinates.length]!;
    const turn = (current[0]! - previous[0]!) * (next[1]! - current[1]!) - (current[1]! - previous[1]!) * (next[0]! - current[0]!);
    if (turn !== 0) {
      kept.push(current);
    }
  }
  kept.push(kept[0]!);
  return kept;
}

// Shoelace area in lattice units with north up: positive when counter-clockwise.
function signedArea(ring: Ring): number {
  let twiceArea = 0;
  for (let index = 0; index + 1 < ring.length; index += 1) {
    twiceArea += ring[index]![0]! * ring[index + 1]![1]! - ring[index + 1]![0]! * ring[index]![1]!;
  }
  return twiceArea / 2;
}

// The centre of the outside cell to the right of the hole's first edge.
function pointInsideHole(hole: Ring): [number, number] {
  const [x0, y0] = hole[0] as [number, number];
  const [x1, y1] = hole[1] as [number, number];
  const dx = Math.sign(x1 - x0);
  const dy = Math.sign(y1 - y0);
  // Right of (dx, dy) is (dy, -dx); the first edge of a ring is at least one cell long.
  return [x0 + dx * 0.5 + dy * 0.5, y0 + dy * 0.5 - dx * 0.5];
}

// Even-odd test; the probe is a cell centre, so it never lies on a ring edge.
function containsPoint(ring: Ring, [x, y]: [number, number]): boolean {
  let inside = false;
  for (let index = 0; index + 1 < ring.length; index += 1) {
    const [xa, ya] = ring[index] as [number, number];
    const [xb, yb] = ring[index + 1] as [number, number];
    if (ya > y !== yb > y && x < xa + ((y - ya) * (xb - xa)) / (yb - ya)) {
      inside = !inside;
    }
  }
  return inside;
}

// Rounds to 1e-6 degree (0.1 m): lattice points are at least 0.004 degree
// apart, so rounding cannot merge two of them or change the topology.
function toLonLat(ring: Ring, layout: GridLayout): number[][] {
  const [westDeg, , , northDeg] = layout.bbox;
  const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;
  return ring.map(([x, y]) => [round(westDeg + x! * layout.cellWidthDeg), round(northDeg + y! * layout.cellHeightDeg)]);
}
