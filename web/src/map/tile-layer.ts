import L from "leaflet";

import type { TileSettings } from "../core/settings.js";
import { gcj02ToWgs84 } from "./gcj02.js";

// Leaflet internals this file relies on (Leaflet 1.9.4, GridLayer):
// _getTilePos places a tile, _getTiledPixelBounds decides which tiles load.
interface GridLayerInternals {
  _getTilePos(this: L.GridLayer, coords: L.Coords): L.Point;
  _getTiledPixelBounds(this: L.GridLayer, center: L.LatLng): L.Bounds;
}

const gridLayerInternals = L.GridLayer.prototype as unknown as GridLayerInternals;

// A tile layer whose tiles are drawn in GCJ-02. Each tile is moved by the
// GCJ-02 offset at its centre, so that the tiles line up with our WGS-84
// data, and the data itself is never shifted. By our estimate the offset
// changes by less than a pixel across one tile at zooms 5 to 18.
export class Gcj02TileLayer extends L.TileLayer {
  _getTilePos(coords: L.Coords): L.Point {
    const position = gridLayerInternals._getTilePos.call(this, coords);
    const map = (this as unknown as { _map: L.Map })._map;

    const tileSize = this.getTileSize();
    const centrePixel = coords.scaleBy(tileSize).add(tileSize.divideBy(2));
    const gcjCentre = map.unproject(centrePixel, coords.z);
    const [lon, lat] = gcj02ToWgs84([gcjCentre.lng, gcjCentre.lat]);
    const wgsPixel = map.project(L.latLng(lat, lon), coords.z);

    // Whole pixels, so that neighbouring tiles with the same shift meet
    // without a hairline seam.
    return position.add(wgsPixel.subtract(centrePixel).round());
  }

  // Loads one more ring of tiles, so that the shift (up to a few hundred
  // pixels at street zoom) does not leave a blank strip at the map's edge.
  _getTiledPixelBounds(center: L.LatLng): L.Bounds {
    const bounds = gridLayerInternals._getTiledPixelBounds.call(this, center);
    const pad = this.getTileSize();
    return L.bounds(bounds.min!.subtract(pad), bounds.max!.add(pad));
  }
}

// Builds the optional raster layer from the settings, or returns null when
// it is off. Tiles go in the tile pane, under the offline base map's lines.
export function createTileLayer(settings: TileSettings): L.TileLayer | null {
  if (!settings.enabled || settings.urlTemplate.trim() === "") {
    return null;
  }

  const subdomains = settings.subdomains.trim();
  const options: L.TileLayerOptions = {
    opacity: settings.opacity,
    maxZoom: 18,
    subdomains: subdomains === "" ? "abc" : subdomains,
    className: "raster-tiles",
    ...({ key: settings.key.trim() } as object),
  };

  if (settings.gcj02) {
    return new Gcj02TileLayer(settings.urlTemplate.trim(), options);
  }
  return L.tileLayer(settings.urlTemplate.trim(), options);
}
