import polylabel from "polylabel";

type Ring = number[][];
type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

// Returns the [lon, lat] where a name sits best inside an admin area: the
// pole of inaccessibility (the inside point farthest from any edge) of its
// largest polygon, optionally after clipping the polygon to bbox so that a
// huge neighbour (Alxa spans 10 degrees of longitude) is labelled near us.
export function labelPosition(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, clip: Bbox | null = null): [number, number] | null {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let best: { lonLat: [number, number]; distance: number } | null = null;

  for (const polygon of polygons) {
    const rings = clip ? polygon.map((ring) => clipRing(ring, clip)).filter((ring) => ring.length >= 4) : polygon;
    if (rings.length === 0) {
      continue;
    }

    // Precision in degrees: 0.01 degrees is about 1 km, plenty for a label.
    const pole = polylabel(rings, 0.01);
    if (!best || pole.distance > best.distance) {
      best = { lonLat: [pole[0]!, pole[1]!], distance: pole.distance };
    }
  }
  return best?.lonLat ?? null;
}

// Clips a ring to a rectangle (Sutherland-Hodgman, one edge at a time).
export function clipRing(ring: Ring, [minLon, minLat, maxLon, maxLat]: Bbox): Ring {
  const edges: Array<(p: number[]) => number> = [
    (p) => p[0]! - minLon,
    (p) => maxLon - p[0]!,
    (p) => p[1]! - minLat,
    (p) => maxLat - p[1]!,
  ];

  let output = ring;
  for (const inside of edges) {
    const input = output;
    output = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i]!;
      const previous = input[(i + input.length - 1) % input.length]!;
      const currentIn = inside(current) >= 0;
      const previousIn = inside(previous) >= 0;

      if (currentIn !== previousIn) {
        const share = inside(previous) / (inside(previous) - inside(current));
        output.push([previous[0]! + share * (current[0]! - previous[0]!), previous[1]! + share * (current[1]! - previous[1]!)]);
      }
      if (currentIn) {
        output.push(current);
      }
    }
  }

  if (output.length > 0) {
    output.push(output[0]!);
  }
  return output;
}
