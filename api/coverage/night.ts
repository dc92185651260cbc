import { isNight, type LonLat } from "./model/index.js";
import type { NightSelection } from "./options.js";

/**
 * Decides day or night for one mission. With a time, night holds when civil
 * twilight has ended at either the start point or the target, because the
 * crew must take off and work on scene in daylight to use day rules.
 */
export function isNightMission(selection: NightSelection, startLonLat: LonLat, targetLonLat: LonLat): boolean {
  if (selection.kind === "fixed") {
    return selection.night;
  }
  return isNight(startLonLat, selection.at) || isNight(targetLonLat, selection.at);
}

/**
 * Decides day or night for a whole grid at one point, its centre. NOTE: civil
 * dusk moves by about 19 minutes across Bayannur's 4.7 degrees of longitude,
 * so near twilight the grid uses one rule where the exact ETA may use the other.
 */
export function isNightGrid(selection: NightSelection, centreLonLat: LonLat): boolean {
  if (selection.kind === "fixed") {
    return selection.night;
  }
  return isNight(centreLonLat, selection.at);
}
