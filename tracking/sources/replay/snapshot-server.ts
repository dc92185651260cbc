import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../../../api/logger.js";
import type { PlayResult } from "./player.js";

/**
 * Replays recorded `aircraft.json` snapshots the way a receiver serves
 * them: over HTTP at `/data/aircraft.json`, for an `http-poll` source to
 * poll. A file contains one snapshot or one per line (JSON Lines). Each
 * snapshot becomes current at its recorded `now`, relative to the first,
 * divided by `speed`, and its `now` is rewritten to that moment on the
 * replay clock. `seen` and `seen_pos` stay relative to `now`, so a
 * poller reading the same snapshot twice sees the same times and skips
 * it as unchanged.
 */

export interface RecordedSnapshot {
  nowS: number;
  body: Record<string, unknown>;
}

export interface ServeOptions {
  host: string;
  port: number;
  speed: number;
  loop?: boolean;
  /** Time in ms the last snapshot stays served before the replay ends, so a poller reads it. */
  holdLastMs?: number;
  signal?: AbortSignal;
  logger?: Logger;
  /** Called once the server listens, with its address (port 0 picks a free one). */
  onListening?: (address: { host: string; port: number }) => void;
}

const DEFAULT_HOLD_LAST_MS = 10_000;
const MAX_SLEEP_MS = 250;

/** Reads snapshots from a file; throws naming the line that is not a snapshot. */
export async function readSnapshots(path: string): Promise<RecordedSnapshot[]> {
  const text = await readFile(path, "utf8");
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const isJsonLines = lines.length > 1 && lines.every((line) => line.trimStart().startsWith("{") && line.trimEnd().endsWith("}"));
  const documents = isJsonLines ? lines : [text];

  return documents.map((document, index) => {
    const body: unknown = JSON.parse(document);
    const isSnapshot = typeof body === "object" && body !== null && typeof (body as { now?: unknown }).now === "number";
    if (!isSnapshot) {
      throw new Error(`${path}: snapshot ${index + 1} has no numeric "now"; expected dump1090 or readsb aircraft.json`);
    }
    return { nowS: (body as { now: number }).now, body: body as Record<string, unknown> };
  });
}

export async function serveSnapshots(snapshots: RecordedSnapshot[], options: ServeOptions): Promise<PlayResult> {
  const first = snapshots[0];
  if (first === undefined) {
    throw new Error("snapshots: expected at least one, got none");
  }

  let current: string = JSON.stringify(first.body);
  const server = http.createServer((request, response) => {
    if (request.url !== "/data/aircraft.json" && request.url !== "/aircraft.json") {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found: poll /data/aircraft.json\n");
      return;
    }
    response.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" });
    response.end(current);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  options.onListening?.({ host: address.address, port: address.port });
  options.logger?.info({ url: `http://${options.host}:${address.port}/data/aircraft.json`, snapshots: snapshots.length }, "aircraft.json replay serving");

  const result: PlayResult = { sentRecords: 0, passes: 0 };
  try {
    do {
      const replayStartS = Date.now() / 1000;
      for (const snapshot of snapshots) {
        const dueMs = ((snapshot.nowS - first.nowS) * 1000) / options.speed;
        if (!(await sleepUntil(replayStartS * 1000 + dueMs, options.signal))) {
          return result;
        }
        current = JSON.stringify({ ...snapshot.body, now: replayStartS + (snapshot.nowS - first.nowS) / options.speed });
        result.sentRecords++;
      }
      result.passes++;
    } while (options.loop === true && options.signal?.aborted !== true);

    await sleepUntil(Date.now() + (options.holdLastMs ?? DEFAULT_HOLD_LAST_MS), options.signal);
    return result;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Sleeps until the wall-clock time `untilMs`; returns false when aborted first. */
async function sleepUntil(untilMs: number, signal: AbortSignal | undefined): Promise<boolean> {
  while (Date.now() < untilMs) {
    if (signal?.aborted === true) {
      return false;
    }
    await sleep(Math.min(untilMs - Date.now(), MAX_SLEEP_MS));
  }
  return signal?.aborted !== true;
}
