// Point symbols as inline SVG, shared by the map markers and the legend so
// that the two always match. Sizes are CSS pixels.

export const baseKinds = ["air_station", "mobile_station", "helipad", "partner_base"] as const;
export type BaseKind = (typeof baseKinds)[number];

export const riskKinds = ["forest", "grassland", "flood", "seismic", "hazardous_chemicals", "mine"] as const;
export type RiskKind = (typeof riskKinds)[number];

export const riskColours: Record<RiskKind, string> = {
  forest: "#2e7d32",
  grassland: "#b8860b",
  flood: "#2f6db5",
  seismic: "#8e44ad",
  hazardous_chemicals: "#d35400",
  mine: "#6d4c41",
};

export const routeColour = "#00838f";

function svg(size: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true">${body}</svg>`;
}

// A white plus sign centred in a box of the given size.
function plus(size: number, arm: number, stroke: number): string {
  const c = size / 2;
  return `<path d="M${c - arm} ${c}H${c + arm}M${c} ${c - arm}V${c + arm}" stroke="#fff" stroke-width="${stroke}" stroke-linecap="square"/>`;
}

export const baseSymbolSize: Record<BaseKind, number> = {
  air_station: 20,
  mobile_station: 16,
  helipad: 16,
  partner_base: 18,
};

export function baseSymbol(kind: BaseKind): string {
  const size = baseSymbolSize[kind];
  switch (kind) {
    case "air_station":
      return svg(size, `<rect x="1" y="1" width="18" height="18" rx="3" fill="#c62828" stroke="#fff" stroke-width="1.5"/>${plus(size, 5.5, 3)}`);
    case "mobile_station":
      return svg(size, `<circle cx="8" cy="8" r="7" fill="#ef6c00" stroke="#fff" stroke-width="1.5"/>${plus(size, 4, 2.4)}`);
    case "helipad":
      return svg(
        size,
        `<circle cx="8" cy="8" r="7" fill="#fff" stroke="#c62828" stroke-width="1.8"/>` +
          `<path d="M5.3 4.5V11.5M10.7 4.5V11.5M5.3 8H10.7" stroke="#c62828" stroke-width="1.8"/>`,
      );
    case "partner_base":
      return svg(size, `<path d="M9 1L17 9L9 17L1 9Z" fill="#1f5fbf" stroke="#fff" stroke-width="1.5"/>${plus(size, 3.5, 2)}`);
  }
}

export function landingPointSymbol(nightCapable: boolean): string {
  const fill = nightCapable ? "#37474f" : "#fff";
  return svg(14, `<path d="M7 1.5L13 12.5H1Z" fill="${fill}" stroke="#37474f" stroke-width="1.6" stroke-linejoin="round"/>`);
}

export type WaterState = "open" | "frozen" | "noBucket";

export function waterSymbol(state: WaterState): string {
  if (state === "frozen") {
    return svg(12, `<circle cx="6" cy="6" r="4.6" fill="#b0bec5" stroke="#78909c" stroke-width="1.4" stroke-dasharray="2 1.4"/>`);
  }
  if (state === "noBucket") {
    return svg(12, `<circle cx="6" cy="6" r="4.6" fill="#fff" stroke="#1565c0" stroke-width="1.6"/>`);
  }
  return svg(12, `<circle cx="6" cy="6" r="4.8" fill="#1565c0" stroke="#fff" stroke-width="1.4"/>`);
}

export function airportSymbol(generalAviation: boolean): string {
  const size = generalAviation ? 10 : 12;
  const c = size / 2;
  const r = c - 1;
  return svg(
    size,
    `<circle cx="${c}" cy="${c}" r="${r}" fill="#fff" stroke="#6b7480" stroke-width="1.2"/>` +
      `<path d="M${c - r + 1.5} ${c}H${c + r - 1.5}" stroke="#6b7480" stroke-width="${generalAviation ? 1.2 : 1.8}"/>`,
  );
}

// Legend swatches for lines and areas, drawn in a 24x14 box.
export function lineSwatch(colour: string, width: number, dash = "", opacity = 1): string {
  return `<svg width="24" height="14" viewBox="0 0 24 14" aria-hidden="true"><path d="M1 7H23" stroke="${colour}" stroke-width="${width}" stroke-opacity="${opacity}" stroke-dasharray="${dash}"/></svg>`;
}

export function bandSwatch(colour: string): string {
  return (
    `<svg width="24" height="14" viewBox="0 0 24 14" aria-hidden="true">` +
    `<path d="M3 7H21" stroke="${colour}" stroke-width="10" stroke-opacity="0.14" stroke-linecap="round"/>` +
    `<path d="M1 7H23" stroke="${colour}" stroke-width="2" stroke-dasharray="5 3"/></svg>`
  );
}

export function areaSwatch(fill: string, fillOpacity: number, stroke: string, dash = ""): string {
  return (
    `<svg width="24" height="14" viewBox="0 0 24 14" aria-hidden="true">` +
    `<rect x="1" y="1" width="22" height="12" rx="2" fill="${fill}" fill-opacity="${fillOpacity}" stroke="${stroke}" stroke-width="1.2" stroke-dasharray="${dash}"/></svg>`
  );
}
