import { readFileSync } from "node:fs";

import type { testApp } from "../test/app.js";

type TestApp = Awaited<ReturnType<typeof testApp>>;

export const fixturesDir = new URL("./fixtures/", import.meta.url);

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, fixturesDir)));
}

export interface UploadOptions {
  token?: string | null;
  language?: string;
  // Sends the file as the `file` part of multipart/form-data, with these
  // extra text parts (such as `defaults`).
  multipart?: { filename: string; fields?: Record<string, string> };
}

// Calls the app in memory the way a browser or curl uploads a file: the raw
// bytes as the body, or a multipart form.
export async function upload(t: TestApp, query: string, bytes: Uint8Array | string, options: UploadOptions = {}) {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? t.tokens.planner : options.token;
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  if (options.language) {
    headers["accept-language"] = options.language;
  }

  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  let body: BodyInit;
  if (options.multipart) {
    const form = new FormData();
    form.set("file", new Blob([data as Uint8Array<ArrayBuffer>]), options.multipart.filename);
    for (const [name, value] of Object.entries(options.multipart.fields ?? {})) {
      form.set(name, value);
    }
    body = form;
  } else {
    headers["content-type"] = "application/octet-stream";
    body = data as Uint8Array<ArrayBuffer>;
  }

  const response = await t.app.request(`/api/v1/imports?${query}`, { method: "POST", headers, body });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

// Downloads an export as bytes and text.
export async function download(t: TestApp, path: string, token?: string) {
  const response = await t.app.request(path, { headers: { authorization: `Bearer ${token ?? t.tokens.viewer}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: new TextDecoder().decode(bytes) };
}

export async function countRows(t: TestApp, table: string): Promise<number> {
  const rows = await t.database.sql.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

export async function storedPoint(t: TestApp, table: string, nameZh: string): Promise<[number, number]> {
  const rows = await t.database.sql.unsafe<{ lon: number; lat: number }[]>(
    `SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM ${table} WHERE name_zh = $1`,
    [nameZh],
  );
  const row = rows[0];
  if (!row) {
    throw new Error(`no row named ${nameZh} in ${table}`);
  }
  return [row.lon, row.lat];
}
