import L from "leaflet";

// Pane order, bottom to top. Leaflet's own panes are tilePane 200,
// overlayPane 400, markerPane 600, tooltipPane 650 and popupPane 700.
const panes: Array<[name: string, zIndex: number]> = [
  ["baseAreas", 250],
  ["riskAreas", 380],
  ["patrolRoutes", 390],
  ["baseLines", 420],
  ["baseLabels", 450],
  ["baseSymbols", 460],
  ["aircraft", 620],
];

// The city's extent from its boundary (data/geo/boundary.geojson bbox),
// as Leaflet [lat, lng] corners.
export const cityBounds = L.latLngBounds([40.18, 105.2], [42.46, 109.88]);

// Width of the layer panel in CSS pixels (.layer-panel in styles/panels.css).
export const layerPanelWidthPx = 236;

export function createMap(container: HTMLElement): L.Map {
  const map = L.map(container, {
    zoomControl: false,
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    minZoom: 5,
    maxZoom: 16,
    maxBounds: cityBounds.pad(1.5),
    attributionControl: true,
    preferCanvas: false,
  });

  for (const [name, zIndex] of panes) {
    map.createPane(name).style.zIndex = String(zIndex);
  }
  map.getPane("baseLabels")!.style.pointerEvents = "none";

  L.control.zoom({ position: "topleft" }).addTo(map);
  L.control.scale({ position: "bottomleft", metric: true, imperial: false, maxWidth: 160 }).addTo(map);
  map.attributionControl.setPrefix(false);

  // The right padding keeps the city clear of the layer panel.
  map.fitBounds(cityBounds, { paddingTopLeft: [16, 16], paddingBottomRight: [layerPanelWidthPx + 24, 16] });
  trackZoomClass(map);
  return map;
}

// Puts zoom-low / zoom-mid / zoom-high on the container, so that CSS can
// show labels only where they have room.
function trackZoomClass(map: L.Map): void {
  const container = map.getContainer();
  const update = () => {
    const zoom = map.getZoom();
    container.classList.toggle("zoom-low", zoom < 7);
    container.classList.toggle("zoom-mid", zoom >= 7 && zoom < 9);
    container.classList.toggle("zoom-high", zoom >= 9);
  };
  map.on("zoomend", update);
  update();
}
