import L from "leaflet";

// leaflet-geoman 2.20's bundle is a script that patches the global `L`, so
// Leaflet must be on window before that bundle runs. ES modules run in
// import order, which is why this file is imported before the plugin.
(window as unknown as { L: typeof L }).L = L;
