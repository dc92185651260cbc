import { decodeFrame } from "../decoder/decode.js";
import { CprPairer } from "../decoder/position/resolver.js";
import { parseAvrLine } from "../formats/avr.js";
import { TICKS_PER_SECOND } from "../formats/beast-clock.js";
import { summaryEntry, type DecodeSummary } from "./summary.js";

// Decodes an AVR recording with our decoder the way a receiver-less feed is
// decoded: CPR global pairs within 10 s, then local decoding from the last
// fix. Receive times come from the `@` 12 MHz counter when present.
export function decodeAvrWithOurs(text: string): DecodeSummary {
  const summary: DecodeSummary = new Map();
  const pairer = new CprPairer();
  let lineIndex = 0;

  for (const line of text.split("\n")) {
    lineIndex++;
    const parsed = parseAvrLine(line);
    if (!parsed.ok || parsed.value.kind !== "mode_s") {
      continue;
    }
    const receivedAtMs = parsed.value.mlatTicks === null ? lineIndex * 10 : (parsed.value.mlatTicks / TICKS_PER_SECOND) * 1000;
    const decoded = decodeFrame(parsed.value.frame);
    if (!decoded.ok) {
      continue;
    }

    const message = decoded.value;
    if (message.kind === "identification") {
      summaryEntry(summary, message.icao).callsigns.add(message.callsign);
    } else if (message.kind === "airborne_position") {
      const fix = pairer.resolve(message.icao, message.cpr, receivedAtMs);
      if (fix.ok) {
        summaryEntry(summary, message.icao).positions.push([fix.value.lonDeg, fix.value.latDeg]);
      }
    }
  }
  return summary;
}
