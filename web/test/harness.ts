import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

import { build, type Plugin } from "vite";

import { startTestServer, type TestServerOptions } from "../../api/test/server.js";

// The modules that have a harness script at web/src/<module>/harness/harness.ts.
export type HarnessModule = "coverage" | "dispatch";

const contentTypes: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml" };

// The one page every harness shares: a full-window map for the module's
// harness script, which installs the module on it.
function harnessPage(module: HarnessModule): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>${module} harness</title>
    <link rel="icon" href="data:," />
    <style>
      html, body, #map { margin: 0; height: 100%; }
    </style>
  </head>
  <body>
    <div id="map" data-testid="map"></div>
    <script type="module" src="./harness.ts"></script>
  </body>
</html>
`;
}

// Gives Vite the generated page as the harness folder's index.html, which
// exists only in memory.
function generatedPage(indexPath: string, module: HarnessModule): Plugin {
  return {
    name: "harness-page",
    enforce: "pre",
    resolveId: (id) => (id === indexPath ? id : null),
    load: (id) => (id === indexPath ? harnessPage(module) : null),
  };
}

// Builds the module's harness with Vite into a temporary folder and returns it.
async function buildHarness(module: HarnessModule): Promise<string> {
  const root = fileURLToPath(new URL(`../src/${module}/harness/`, import.meta.url));
  const indexPath = join(root, "index.html");
  const outDir = mkdtempSync(join(tmpdir(), `${module}-harness-`));
  await build({
    root,
    base: "./",
    configFile: false,
    logLevel: "warn",
    plugins: [generatedPage(indexPath, module)],
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, rollupOptions: { input: indexPath } },
  });
  return outDir;
}

// Serves the files of `dir` under `prefix`, with 404 for a missing one.
// Requests outside `prefix` return undefined, so they go to the API.
function fileServer(dir: string, prefix: string): (request: Request) => Response | undefined {
  return (request) => {
    const path = new URL(request.url).pathname;
    if (!path.startsWith(prefix)) {
      return undefined;
    }
    const file = normalize(join(dir, path.slice(prefix.length) || "index.html"));
    if (!file.startsWith(dir) || !existsSync(file)) {
      return new Response("not found", { status: 404 });
    }
    return new Response(readFileSync(file), { headers: { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" } });
  };
}

// Starts the test server (real API, seeded demo data, WebSocket when
// tracking is on) and serves the module's harness page from the same
// loopback origin at `harnessPath`. The page must come from a real server:
// Chromium blocks a page that a test route fulfils from opening a WebSocket
// to a loopback address (local network access checks).
export async function startHarnessServer(module: HarnessModule, options: Omit<TestServerOptions, "serveFirst"> = {}) {
  const dir = await buildHarness(module);
  const prefix = `/${module}-harness/`;
  const server = await startTestServer({ ...options, serveFirst: fileServer(dir, prefix) });
  return { ...server, harnessPath: `${prefix}index.html` };
}
