// Notifications from the routes to the tracking rules, so that a new mission
// or restricted area takes effect on the next track change, not the next refresh.
export interface DispatchEvents {
  missionsChanged(): void;
  restrictedAreasChanged(): void;
}

export const noDispatchEvents: DispatchEvents = {
  missionsChanged: () => {},
  restrictedAreasChanged: () => {},
};
