import type { MissionMessage } from "./missions/frame.js";

// Notifications from the routes to the tracking rules, so that a new mission
// or restricted area takes effect on the next track change, not the next refresh.
export interface DispatchEvents {
  missionsChanged(): void;
  // Sends a mission frame to every live client, as alert frames are sent:
  // any signed-in role may read missions (GET /api/v1/missions).
  publishMission(message: MissionMessage): void;
  restrictedAreasChanged(): void;
}

export const noDispatchEvents: DispatchEvents = {
  missionsChanged: () => {},
  publishMission: () => {},
  restrictedAreasChanged: () => {},
};
