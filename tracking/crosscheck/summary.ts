// Decoder output reduced for comparison: per ICAO address, the callsigns
// seen and the positions decoded, in the order they were decoded.
export interface AircraftSummary {
  callsigns: Set<string>;
  positions: Array<[number, number]>;
}

export type DecodeSummary = Map<string, AircraftSummary>;

export function summaryEntry(summary: DecodeSummary, icao: string): AircraftSummary {
  let entry = summary.get(icao);
  if (!entry) {
    entry = { callsigns: new Set(), positions: [] };
    summary.set(icao, entry);
  }
  return entry;
}
