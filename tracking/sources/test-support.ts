import net from "node:net";
import pino from "pino";
import type { Observation } from "../observation.js";
import type { ObservationSink } from "./stats.js";

/**
 * Helpers for the source tests: a sink that keeps what it gets, a
 * bounded wait for a condition (tests never assert on durations), and a
 * client that writes chunks to a loopback port.
 */

export class CollectingSink implements ObservationSink {
  readonly observations: Observation[] = [];

  ingest(observation: Observation): void {
    this.observations.push(observation);
  }

  withPosition(): Observation[] {
    return this.observations.filter((observation) => observation.lonLat !== undefined);
  }
}

/** Silent logger, so test output shows only test results. */
export const quietLogger = pino({ level: "silent" });

/** Polls `condition` every 10 ms until it holds; throws with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Connects to 127.0.0.1:port, writes each chunk as its own write, and closes. */
export async function writeChunks(port: number, chunks: Array<string | Uint8Array>, host = "127.0.0.1"): Promise<void> {
  const socket = net.createConnection({ host, port });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  for (const chunk of chunks) {
    await new Promise<void>((resolve, reject) => socket.write(chunk, (error) => (error ? reject(error) : resolve())));
  }
  await new Promise<void>((resolve) => socket.end(resolve));
}

/** Cuts `data` into pieces of 1 to `maxBytes` bytes, with sizes from a seeded generator so failures repeat. */
export function splitIntoChunks(data: Uint8Array, maxBytes: number, seed = 1): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let state = seed;
  let start = 0;
  while (start < data.length) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % maxBytes);
    chunks.push(data.subarray(start, start + size));
    start += size;
  }
  return chunks;
}

/** Flips one bit in the ME field of a valid DF17 frame, so CRC-24 fails. */
export function corruptFrameHex(hex: string): string {
  const nibbleIndex = 12;
  const flipped = (parseInt(hex[nibbleIndex]!, 16) ^ 0x1).toString(16).toUpperCase();
  return hex.slice(0, nibbleIndex) + flipped + hex.slice(nibbleIndex + 1);
}
