import os from "node:os";

import type { ResponseTimeGrid } from "./model/index.js";

// The response-time grid in a form the console can draw without parsing
// 100,000 JSON numbers:
//
//   etaMin: base64 of little-endian Uint16, one value per cell, row-major with
//           row 0 the northernmost. Each value is round(ETA minutes x 10), in
//           0.1-minute steps up to 6553.4 minutes. 65535 means no aircraft
//           can reach the cell.
//   bestAircraftIndex: the same layout, an index into `aircraftIds`, 65535 for none.
//
// `bbox` is the extent the cells actually cover: the last row and column may
// reach past the requested box, so east = west + columns x cellWidthDeg and
// south = north - rows x cellHeightDeg.

export const GRID_NO_DATA = 65535;
export const GRID_ETA_SCALE = 10;

export interface EncodedGrid {
  bbox: [number, number, number, number];
  cellSizeM: number;
  columns: number;
  rows: number;
  cellWidthDeg: number;
  cellHeightDeg: number;
  encoding: "uint16le-base64";
  etaScale: number;
  noData: number;
  etaMin: string;
  bestAircraftIndex: string;
  aircraftIds: number[];
}

/** Encodes a grid for the wire (see the layout above). */
export function encodeGrid(grid: ResponseTimeGrid): EncodedGrid {
  const eta = new Uint16Array(grid.etaMin.length);
  for (let cell = 0; cell < grid.etaMin.length; cell += 1) {
    eta[cell] = encodeEtaMin(grid.etaMin[cell]!);
  }

  const [westDeg, , , northDeg] = grid.bbox;
  return {
    bbox: [westDeg, northDeg - grid.rows * grid.cellHeightDeg, westDeg + grid.columns * grid.cellWidthDeg, northDeg],
    cellSizeM: grid.cellSizeM,
    columns: grid.columns,
    rows: grid.rows,
    cellWidthDeg: grid.cellWidthDeg,
    cellHeightDeg: grid.cellHeightDeg,
    encoding: "uint16le-base64",
    etaScale: GRID_ETA_SCALE,
    noData: GRID_NO_DATA,
    etaMin: toLittleEndianBase64(eta),
    bestAircraftIndex: toLittleEndianBase64(grid.bestAircraftIndex),
    aircraftIds: grid.aircraftIds.map(Number),
  };
}

// Typed arrays use the platform's byte order, so swap on big-endian machines.
function toLittleEndianBase64(values: Uint16Array): string {
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  if (os.endianness() === "LE") {
    return bytes.toString("base64");
  }
  return Buffer.from(bytes).swap16().toString("base64");
}

/** Decodes the etaMin field back to minutes, NaN for unreachable cells. */
export function decodeEtaMin(encoded: Pick<EncodedGrid, "etaMin">): Float32Array {
  const bytes = Buffer.from(encoded.etaMin, "base64");
  const values = new Float32Array(bytes.length / 2);
  for (let cell = 0; cell < values.length; cell += 1) {
    const raw = bytes.readUInt16LE(cell * 2);
    values[cell] = raw === GRID_NO_DATA ? Number.NaN : raw / GRID_ETA_SCALE;
  }
  return values;
}

function encodeEtaMin(etaMin: number): number {
  if (Number.isNaN(etaMin)) {
    return GRID_NO_DATA;
  }
  return Math.min(GRID_NO_DATA - 1, Math.round(etaMin * GRID_ETA_SCALE));
}
