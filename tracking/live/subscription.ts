import type { TrackFrame } from "./track-frame.js";

// [minLon, minLat, maxLon, maxLat] in degrees.
export type Bbox = [number, number, number, number];

export interface SubscriptionFilter {
  bbox: Bbox | null;
  fleetOnly: boolean;
}

// The changes of one publish for the clients of a subscription.
export interface SubscriptionDelta {
  // Frames of aircraft inside the subscription, new or changed.
  aircraft: TrackFrame[];
  // Addresses in `aircraft` that were not inside the subscription before.
  entered: Set<string>;
  // Aircraft that were inside the subscription and are no longer: they
  // left the bbox, stopped matching fleetOnly, or were lost.
  removed: string[];
  // The delta frame shared by every client that is keeping up, or null when
  // nothing changed for this subscription.
  text: string | null;
}

export function subscriptionKey(filter: SubscriptionFilter): string {
  return `${filter.fleetOnly ? 1 : 0}:${filter.bbox ? filter.bbox.join(",") : ""}`;
}

export function matches(filter: SubscriptionFilter, frame: TrackFrame): boolean {
  if (filter.fleetOnly && !frame.fleet) {
    return false;
  }
  if (!filter.bbox) {
    return true;
  }
  if (!frame.lonLat) {
    return false;
  }
  const [minLon, minLat, maxLon, maxLat] = filter.bbox;
  const [lon, lat] = frame.lonLat;
  return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}

// One distinct filter shared by the clients that subscribed to it. It
// stores which aircraft its clients were sent (`visible`), so that a removal
// goes only to clients that drew the aircraft. Its delta is built once per
// publish, whatever the number of clients.
export class Subscription {
  readonly key: string;
  clientCount = 0;
  private readonly visible = new Set<string>();

  constructor(readonly filter: SubscriptionFilter) {
    this.key = subscriptionKey(filter);
  }

  // Records the aircraft of a snapshot sent to one of its clients.
  addVisible(frames: TrackFrame[]): void {
    for (const frame of frames) {
      this.visible.add(frame.icaoAddress);
    }
  }

  // Builds this publish's delta and updates the visible set.
  delta(updated: TrackFrame[], lost: string[]): SubscriptionDelta {
    const aircraft: TrackFrame[] = [];
    const entered = new Set<string>();
    const removed: string[] = [];

    for (const frame of updated) {
      const icaoAddress = frame.icaoAddress;
      if (matches(this.filter, frame)) {
        aircraft.push(frame);
        if (!this.visible.has(icaoAddress)) {
          this.visible.add(icaoAddress);
          entered.add(icaoAddress);
        }
      } else if (this.visible.delete(icaoAddress)) {
        removed.push(icaoAddress);
      }
    }

    for (const icaoAddress of lost) {
      if (this.visible.delete(icaoAddress)) {
        removed.push(icaoAddress);
      }
    }

    const text =
      aircraft.length === 0 && removed.length === 0
        ? null
        : JSON.stringify({ type: "delta", time: new Date().toISOString(), aircraft, removed });
    return { aircraft, entered, removed, text };
  }
}
