import type { TestServer } from "./console-setup.js";

// Returns the number of features of an asset layer (path: "landing-points",
// "risk-areas", …), read from the API with the admin token.
export async function assetTotal(server: Pick<TestServer, "call">, path: string): Promise<number> {
  const { json } = await server.call("GET", `/api/v1/${path}?limit=1`);
  return json.total as number;
}

// Finds a feature of an asset layer by its Chinese name, among its first 1000.
export async function findAssetByName(server: Pick<TestServer, "call">, path: string, nameZh: string): Promise<GeoJSON.Feature | undefined> {
  const { json } = await server.call("GET", `/api/v1/${path}?limit=1000`);
  return (json.features as GeoJSON.Feature[]).find((feature) => feature.properties?.nameZh === nameZh);
}
