import { expect } from "vitest";

export interface HttpRequestOptions {
  // Sent as a bearer token: an API token or a session from a login.
  token?: string;
  // Sent as JSON.
  body?: unknown;
}

// Calls the API of the test server at `origin` over real HTTP, as a
// client outside the browser would.
export function requestApi(origin: string, method: string, path: string, options: HttpRequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) {
    headers.authorization = `Bearer ${options.token}`;
  }
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
  }
  return fetch(`${origin}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
}

// Calls the API like requestApi, expects a 2xx status and returns the JSON
// body. A failed check shows the method, path and response body.
export async function apiCall(origin: string, method: string, path: string, options: HttpRequestOptions = {}) {
  const response = await requestApi(origin, method, path, options);
  const json = await response.json();
  expect(response.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
  return json;
}
