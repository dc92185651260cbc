import type { SbsMessage } from "../formats/sbs.js";
import type { Observation } from "../observation.js";
import { isValidLonLat, relocateLonLat, type Relocation } from "./relocation.js";

/**
 * Maps a parsed SBS line onto an Observation, or returns "out_of_range"
 * when the relocated position leaves the globe. The line's own fields
 * are already metric; only the fields it carried are set.
 */
export function sbsObservation(
  message: SbsMessage,
  sourceId: string,
  timeMs: number,
  relocation: Relocation | null,
): Observation | "out_of_range" {
  const observation: Observation = { icaoAddress: message.icao, timeMs, sourceId };
  if (message.latDeg !== null && message.lonDeg !== null) {
    const lonLat = relocateLonLat([message.lonDeg, message.latDeg], relocation);
    if (lonLat === null || !isValidLonLat(lonLat)) {
      return "out_of_range";
    }
    observation.lonLat = lonLat;
  }

  setIfPresent(observation, "callsign", message.callsign);
  setIfPresent(observation, "altitudeM", message.altitudeM);
  setIfPresent(observation, "groundSpeedKmh", message.groundSpeedKmh);
  setIfPresent(observation, "trackDeg", message.trackDeg);
  setIfPresent(observation, "verticalRateMps", message.verticalRateMps);
  setIfPresent(observation, "squawk", message.squawk);
  setIfPresent(observation, "onGround", message.onGround);
  return observation;
}

/**
 * SBS writes an empty field both for "not in this message" and for
 * "unknown", so an empty field is left undefined and never overwrites
 * what the track already has.
 */
function setIfPresent<K extends keyof Observation>(observation: Observation, key: K, value: Observation[K] | null): void {
  if (value !== null && value !== undefined) {
    observation[key] = value;
  }
}
