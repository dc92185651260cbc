import { fileURLToPath } from "node:url";

import { defineConfig, type Plugin } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

// Imports *.geojson files as JSON modules, so the bundled base-map data
// (rivers, lakes, airports) ships inside the build and needs no request.
function geojson(): Plugin {
  return {
    name: "geojson",
    transform(code, id) {
      if (!id.endsWith(".geojson")) {
        return null;
      }
      return { code: `export default ${JSON.stringify(JSON.parse(code))};`, map: null };
    },
  };
}

// The console is served by the API at "/" from web/dist, and must work with
// no internet at all: Leaflet's CSS and images are bundled, nothing is
// loaded from a CDN.
export default defineConfig({
  root,
  base: "./",
  plugins: [geojson()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Leaflet's images stay files, as Leaflet's CSS expects.
    assetsInlineLimit: 0,
  },
  server: {
    host: "127.0.0.1",
  },
});
