import L from "leaflet";

// How far back a trail reaches, and its most points: five minutes of
// positions at up to one a second.
const TRAIL_MS = 5 * 60_000;
const MAX_POINTS = 300;

// Trails get a pane of their own with pointer events off: a canvas covers
// the whole map, and in the overlay pane it would take the clicks meant for
// risk areas and routes beneath it.
export const trailPane = "trails";

export function createTrailPane(map: L.Map): void {
  if (map.getPane(trailPane)) {
    return;
  }
  const pane = map.createPane(trailPane);
  pane.style.zIndex = "450";
  pane.style.pointerEvents = "none";
}

// One renderer for every trail: a single canvas stays cheap with 500 aircraft.
const renderer = L.canvas({ padding: 0.2, pane: trailPane });

// The line an aircraft flew over the last minutes, drawn under its marker.
// Positions older than TRAIL_MS fall off the tail as new ones arrive.
export class Trail {
  readonly line: L.Polyline;
  private readonly points: Array<{ latLng: L.LatLngTuple; timeMs: number }> = [];

  constructor(fleet: boolean) {
    this.line = L.polyline([], {
      renderer,
      interactive: false,
      weight: fleet ? 2.5 : 1.5,
      opacity: fleet ? 0.75 : 0.45,
      color: fleet ? "#c62828" : "#455a64",
    });
  }

  // Adds a position [lon, lat] seen at `timeMs` (UTC epoch ms), unless it
  // repeats the last one.
  add(lonLat: [number, number], timeMs: number): void {
    const last = this.points[this.points.length - 1];
    if (last && last.latLng[0] === lonLat[1] && last.latLng[1] === lonLat[0]) {
      return;
    }
    this.points.push({ latLng: [lonLat[1], lonLat[0]], timeMs });
    while (this.points.length > MAX_POINTS || (this.points[0] && timeMs - this.points[0].timeMs > TRAIL_MS)) {
      this.points.shift();
    }
    this.line.setLatLngs(this.points.map((point) => point.latLng));
  }

  get length(): number {
    return this.points.length;
  }
}
