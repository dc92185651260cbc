import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../../../api/logger.js";
import type { Recording } from "./recording.js";

/**
 * Sends a recording to a TCP listener at its recorded pace times
 * `speed` (Infinity sends as fast as the socket takes it), as a receiver
 * pushing its feed would. Records that fall due together go out in one
 * write, and the player waits for the socket to drain when its buffer
 * is full.
 */

export interface PlayOptions {
  host: string;
  port: number;
  speed: number;
  loop?: boolean;
  signal?: AbortSignal;
  logger?: Logger;
}

export interface PlayResult {
  sentRecords: number;
  passes: number;
}

/** Maximum bytes per write, so one write never holds a whole file in the socket buffer. */
const MAX_BATCH_BYTES = 64 * 1024;
/** Maximum single sleep, so an abort is noticed promptly. */
const MAX_SLEEP_MS = 250;

export async function playRecording(recording: Recording, options: PlayOptions): Promise<PlayResult> {
  if (!(options.speed > 0)) {
    throw new Error(`speed: expected a number above 0, got ${options.speed}`);
  }

  const socket = await connect(options.host, options.port);
  const result: PlayResult = { sentRecords: 0, passes: 0 };
  try {
    do {
      await playOnce(recording, socket, options, result);
      result.passes++;
      options.logger?.info({ passes: result.passes, sentRecords: result.sentRecords }, "replay pass finished");
    } while (options.loop === true && options.signal?.aborted !== true);
  } finally {
    await new Promise<void>((resolve) => socket.end(resolve));
  }
  return result;
}

async function connect(host: string, port: number): Promise<net.Socket> {
  const socket = net.createConnection({ host, port });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
  } catch (error) {
    throw new Error(`cannot connect to ${host}:${port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); start the service with a tcp-listener source on that port`);
  }
  socket.on("error", () => {});
  return socket;
}

async function playOnce(recording: Recording, socket: net.Socket, options: PlayOptions, result: PlayResult): Promise<void> {
  const records = recording.records;
  const startMs = performance.now();
  let index = 0;

  while (index < records.length) {
    if (options.signal?.aborted === true) {
      return;
    }
    if (socket.destroyed) {
      throw new Error(`the listener at ${options.host}:${options.port} closed the connection after ${result.sentRecords} records`);
    }

    const elapsedMs = performance.now() - startMs;
    const dueMs = records[index]!.offsetMs / options.speed;
    if (dueMs > elapsedMs) {
      await sleep(Math.min(dueMs - elapsedMs, MAX_SLEEP_MS));
      continue;
    }

    const batch: Buffer[] = [];
    let batchBytes = 0;
    while (index < records.length && records[index]!.offsetMs / options.speed <= elapsedMs && batchBytes < MAX_BATCH_BYTES) {
      batch.push(records[index]!.bytes);
      batchBytes += records[index]!.bytes.length;
      index++;
    }
    result.sentRecords += batch.length;
    if (!socket.write(Buffer.concat(batch, batchBytes))) {
      await new Promise((resolve) => {
        socket.once("drain", resolve);
        socket.once("close", resolve);
      });
    }
  }
}
