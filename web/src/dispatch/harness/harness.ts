// A bare page for the browser test of the dispatch panel: a Leaflet map with
// no tiles and the panel, talking to the API on the same origin. The token
// and language come in the fragment: #token=...&lang=en.
import "leaflet/dist/leaflet.css";

import L from "leaflet";

import { installDispatchPanel } from "../index.js";

const fragment = new URLSearchParams(window.location.hash.slice(1));
const language = fragment.get("lang") === "en" ? "en" : "zh-CN";
const wsUrl = new URL("/ws", window.location.href);
wsUrl.protocol = "ws:";
wsUrl.searchParams.set("token", fragment.get("token") ?? "");

// Centred on the Wula Mountains forest, so that a click in the middle of the map picks it.
const map = L.map("map", { center: [40.72, 109.15], zoom: 10 });
installDispatchPanel(map, { token: fragment.get("token") ?? "", language: () => language, apiBase: "/api/v1", wsUrl: wsUrl.toString() });
map.invalidateSize();
// The test converts the incident position to a pixel with the map itself.
(window as unknown as { harnessMap: L.Map }).harnessMap = map;
document.body.dataset.ready = "true";
