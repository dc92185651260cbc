// A bare page for the browser test of the coverage layer: a Leaflet map with
// no tiles and the layer, talking to the API on the same origin. The token
// and language come in the fragment: #token=...&lang=en.
import "leaflet/dist/leaflet.css";

import L from "leaflet";

import { installCoverageLayer } from "../index.js";

const fragment = new URLSearchParams(window.location.hash.slice(1));
const language = fragment.get("lang") === "en" ? "en" : "zh-CN";

// Centred on Bayannur, so that the whole city is in view.
const map = L.map("map", { center: [41.3, 107.6], zoom: 7 });
installCoverageLayer(map, { token: fragment.get("token") ?? "", language: () => language, apiBase: "/api/v1", position: "topright" });
map.invalidateSize();
(window as unknown as { harnessMap: L.Map }).harnessMap = map;
document.body.dataset.ready = "true";
