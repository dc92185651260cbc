import type { EncodedGrid } from "./types.js";

// The response-time grid as a picture: one colour per band of minutes,
// matching the isochrones at 30/60/90/120 minutes, and grey where no
// aircraft can reach.
//
// The grid is a longitude/latitude raster, while Leaflet shows Web Mercator,
// whose y grows faster than latitude toward the pole (by about 4 % across
// Bayannur's 2.3 degrees). A plain image overlay would misplace the middle
// rows by up to 2 km, so each canvas row is mapped back to its latitude.

export interface LegendBand {
  // Upper bound in minutes; Infinity for "beyond the last threshold".
  upToMin: number;
  colour: [number, number, number];
}

export const legendBands: readonly LegendBand[] = [
  { upToMin: 30, colour: [26, 152, 80] },
  { upToMin: 60, colour: [145, 207, 96] },
  { upToMin: 90, colour: [254, 224, 139] },
  { upToMin: 120, colour: [252, 141, 89] },
  { upToMin: Number.POSITIVE_INFINITY, colour: [215, 48, 39] },
];

export const unreachableColour: [number, number, number] = [90, 90, 90];

// Canvas rows per grid row: enough to follow the Mercator stretch smoothly.
const ROWS_PER_CELL = 2;
const ALPHA = 160;

/** Decodes the etaMin field to minutes, NaN where unreachable. */
export function decodeEtaMin(grid: EncodedGrid): Float32Array {
  const binary = atob(grid.etaMin);
  const values = new Float32Array(binary.length / 2);
  for (let cell = 0; cell < values.length; cell += 1) {
    const raw = binary.charCodeAt(cell * 2) | (binary.charCodeAt(cell * 2 + 1) << 8);
    values[cell] = raw === grid.noData ? Number.NaN : raw / grid.etaScale;
  }
  return values;
}

/** Returns the band colour of an ETA in minutes. */
export function colourFor(etaMin: number): [number, number, number] {
  if (Number.isNaN(etaMin)) {
    return unreachableColour;
  }
  return legendBands.find((band) => etaMin <= band.upToMin)!.colour;
}

function mercatorY(latDeg: number): number {
  const latRad = (latDeg * Math.PI) / 180;
  return Math.log(Math.tan(Math.PI / 4 + latRad / 2));
}

function latitudeOf(mercator: number): number {
  return ((2 * Math.atan(Math.exp(mercator)) - Math.PI / 2) * 180) / Math.PI;
}

/** Draws the grid on a canvas in Web Mercator rows and returns it as a PNG data URL. */
export function renderHeatmap(grid: EncodedGrid): string {
  const etaMin = decodeEtaMin(grid);
  const [, south, , north] = grid.bbox;
  const height = grid.rows * ROWS_PER_CELL;
  const canvas = document.createElement("canvas");
  canvas.width = grid.columns;
  canvas.height = height;
  const context = canvas.getContext("2d")!;
  const image = context.createImageData(grid.columns, height);

  const northY = mercatorY(north);
  const southY = mercatorY(south);
  for (let y = 0; y < height; y += 1) {
    const latDeg = latitudeOf(northY + ((y + 0.5) / height) * (southY - northY));
    const row = Math.min(grid.rows - 1, Math.floor((north - latDeg) / grid.cellHeightDeg));
    for (let column = 0; column < grid.columns; column += 1) {
      const [red, green, blue] = colourFor(etaMin[row * grid.columns + column]!);
      const offset = (y * grid.columns + column) * 4;
      image.data[offset] = red;
      image.data[offset + 1] = green;
      image.data[offset + 2] = blue;
      image.data[offset + 3] = ALPHA;
    }
  }

  context.putImageData(image, 0, 0);
  return canvas.toDataURL("image/png");
}
