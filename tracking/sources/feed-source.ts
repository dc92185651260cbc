import { createLogger, type Logger } from "../../api/logger.js";
import { ModeSSource } from "./mode-s-source.js";
import type { Relocation } from "./relocation.js";
import { SourceStats, type ObservationSink } from "./stats.js";
import type { FeedContext } from "./feed-decoder.js";

/** A running feed source: a transport, a wire format and its counters. */
export interface FeedSource {
  readonly id: string;
  readonly stats: SourceStats;
  /** Starts receiving; resolves once the source is listening, connecting or polling. */
  start(): Promise<void>;
  /** Stops receiving and closes every socket and timer; safe to call twice. */
  stop(): Promise<void>;
}

/** Options every source kind takes. */
export interface CommonSourceOptions {
  id: string;
  sink: ObservationSink;
  logger?: Logger;
  /** Receiver position `[lon, lat]`, the reference for local CPR decoding; before relocation. */
  receiverLonLat?: [number, number] | null;
  /** Offset added to every decoded position, for a recording played over Bayannur. */
  relocate?: Relocation | null;
  /** UTC offset in minutes of SBS date/time fields; null stamps SBS lines with their arrival time. */
  sbsUtcOffsetMin?: number | null;
}

let defaultLogger: Logger | null = null;

/** Returns the logger of a source, tagged with its id. */
export function sourceLogger(options: CommonSourceOptions): Logger {
  defaultLogger ??= createLogger();
  return (options.logger ?? defaultLogger).child({ sourceId: options.id });
}

/** Stats and decoding context of one source; the Mode S state is shared by all its connections. */
export function createFeedContext(options: CommonSourceOptions, format: string, transport: string): FeedContext {
  const stats = new SourceStats(options.id, format, transport);
  const relocation = options.relocate ?? null;
  stats.relocated = relocation !== null;

  return {
    stats,
    sink: options.sink,
    relocation,
    sbsUtcOffsetMin: options.sbsUtcOffsetMin ?? null,
    modeS: new ModeSSource({
      stats,
      sink: options.sink,
      receiverLonLat: options.receiverLonLat ?? null,
      relocate: relocation,
    }),
  };
}
