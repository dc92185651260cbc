/// <reference types="vite/client" />

declare module "*.geojson" {
  const collection: GeoJSON.FeatureCollection;
  export default collection;
}

declare module "polylabel" {
  // Returns the pole of inaccessibility of a polygon given as rings of
  // [x, y] positions, with its distance to the nearest edge.
  export default function polylabel(polygon: number[][][], precision?: number): number[] & { distance: number };
}
