import L from "leaflet";

import { currentLanguage } from "../core/i18n.js";
import "./geoman.js";
import type { DrawShape } from "./fields.js";

// Style of a geometry being drawn or edited, so that it reads as unsaved.
const draftStyle: L.PathOptions = { color: "#d9480f", weight: 3, dashArray: "6 4", fillOpacity: 0.15 };

// A pane above the asset layers (patrol route bands have their own pane over
// the marker pane), so that the geometry being edited is never covered.
const draftPane = "planningDraft";

// geoman's vertex markers go above the draft pane. In Leaflet's marker pane
// (600) they would lie under the draft's own outline and fill, which would
// then take the mouse and drag the whole shape instead of one vertex.
const vertexPane = "planningVertices";

function ensureDraftPane(map: L.Map): void {
  if (map.getPane(draftPane)) {
    return;
  }
  map.createPane(draftPane).style.zIndex = "690";
  map.createPane(vertexPane).style.zIndex = "695";
  // layerPane contains the shape being drawn and the finished shape. geoman
  // puts them there whatever pathOptions.pane is.
  map.pm.setGlobalOptions({ panes: { layerPane: draftPane, vertexPane, markerPane: draftPane } });
}

// Lets the user draw one shape with leaflet-geoman. Resolves with the drawn
// layer, or null when drawing is cancelled by `stopDrawing`.
export function drawShape(map: L.Map, shape: DrawShape): Promise<L.Layer | null> {
  return new Promise((resolve) => {
    const onCreate = (event: { layer: L.Layer }) => {
      finish();
      resolve(event.layer);
    };
    const onCancel = () => {
      finish();
      resolve(null);
    };
    const finish = () => {
      map.off("pm:create", onCreate as L.LeafletEventHandlerFn);
      map.off("planning:cancel-draw", onCancel);
      map.pm.disableDraw();
    };

    ensureDraftPane(map);
    map.on("pm:create", onCreate as L.LeafletEventHandlerFn);
    map.on("planning:cancel-draw", onCancel);
    // geoman's own tooltips follow the console language.
    map.pm.setLang(currentLanguage() === "en" ? "en" : "zh");
    map.pm.enableDraw(shape, {
      templineStyle: draftStyle,
      hintlineStyle: draftStyle,
      pathOptions: { ...draftStyle, pane: draftPane },
      markerStyle: { pane: draftPane },
    });
  });
}

export function stopDrawing(map: L.Map): void {
  map.fire("planning:cancel-draw");
}

// Draws a copy of a stored geometry that the user may drag and reshape.
// The stored feature stays as it is until the edit is saved.
export function editableCopy(map: L.Map, geometry: GeoJSON.Geometry): L.Layer {
  let layer: L.Layer | null = null;
  ensureDraftPane(map);
  const options: L.GeoJSONOptions = { style: () => ({ ...draftStyle, pane: draftPane }), pointToLayer: (_point, latLng) => L.marker(latLng, { pane: draftPane }) };
  L.geoJSON(geometry, options).eachLayer((child) => {
    layer = child;
  });
  const copy = layer as unknown as L.Layer;
  copy.addTo(map);
  markAsDraft(copy);
  enableEditing(copy);
  return copy;
}

// Lets the user drag a drawn layer and move its vertices.
export function enableEditing(layer: L.Layer): void {
  (layer as L.Marker | L.Polyline).pm.enable({ draggable: true, allowSelfIntersection: false });
}

// Returns the GeoJSON geometry of a drawn or edited layer, in lon-lat order.
export function draftGeometry(layer: L.Layer): GeoJSON.Geometry {
  const feature = (layer as L.Marker | L.Polyline).toGeoJSON();
  return feature.geometry;
}

export function markAsDraft(layer: L.Layer): void {
  if (layer instanceof L.Path) {
    layer.setStyle(draftStyle);
  }
  if (layer instanceof L.Marker) {
    layer.getElement()?.classList.add("planning-draft");
  }
}
