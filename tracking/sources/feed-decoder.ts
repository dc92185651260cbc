import { parseAvrLine } from "../formats/avr.js";
import { BeastFramer, type BeastFramerStats } from "../formats/beast.js";
import { CounterClock } from "../formats/beast-clock.js";
import { DuplicateFilter } from "../formats/duplicate-filter.js";
import type { Rejection } from "../formats/rejection.js";
import { parseSbsLine } from "../formats/sbs.js";
import { bytesToHex } from "../decoder/index.js";
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from "./line-splitter.js";
import type { ModeSSource } from "./mode-s-source.js";
import { sourceRejectReason } from "./rejections.js";
import type { Relocation } from "./relocation.js";
import { sbsObservation } from "./sbs-observations.js";
import type { ObservationSink, SourceStats } from "./stats.js";

/**
 * Decoders for the byte streams of one connection or file: SBS and AVR
 * lines, and Beast binary records. Each keeps the per-stream state: a
 * partial line or record, the receiver's 12 MHz counter and recent lines
 * for duplicate detection. The Mode S decoding state belongs to the
 * source and is shared by all its connections.
 */

export type StreamFormat = "sbs" | "avr" | "beast";

export interface FeedContext {
  stats: SourceStats;
  sink: ObservationSink;
  modeS: ModeSSource;
  relocation: Relocation | null;
  /**
   * UTC offset in minutes of SBS date/time fields (0 for readsb, the
   * receiver's zone for dump1090-fa). Null ignores them and stamps each
   * line with its arrival time, because the line does not say its zone.
   */
  sbsUtcOffsetMin: number | null;
  /**
   * Re-anchor the 12 MHz counter when it drifts this far from the
   * arrival clock; a file read faster than real time passes Infinity.
   */
  counterMaxDriftMs?: number;
  maxLineBytes?: number;
}

/** Handles one text line received at `arrivalMs` (UTC epoch ms). */
export interface LineHandler {
  handleLine(line: string, arrivalMs: number): void;
}

/** Consumes a byte stream in chunks of any size. */
export interface StreamDecoder {
  push(chunk: Uint8Array, arrivalMs: number): void;
  /** Flushes a last partial line at the end of the stream. */
  end(arrivalMs: number): void;
}

export function createStreamDecoder(format: StreamFormat, context: FeedContext): StreamDecoder {
  if (format === "beast") {
    return new BeastStreamDecoder(context);
  }
  return new LineStreamDecoder(createLineHandler(format, context), context);
}

export function createLineHandler(format: "sbs" | "avr", context: FeedContext): LineHandler {
  return format === "sbs" ? new SbsLineHandler(context) : new AvrLineHandler(context);
}

/** Counts a parser rejection, except empty lines and heartbeats, which are normal traffic and not counted at all. */
function countRejection(stats: SourceStats, rejection: Rejection, arrivalMs: number): void {
  const reason = sourceRejectReason(rejection.reason);
  if (reason === null) {
    return;
  }
  stats.countReceived(arrivalMs);
  stats.countRejected(reason);
}

class SbsLineHandler implements LineHandler {
  private readonly duplicates = new DuplicateFilter();

  constructor(private readonly context: FeedContext) {}

  handleLine(line: string, arrivalMs: number): void {
    const { stats, sink } = this.context;
    const parsed = parseSbsLine(line, { utcOffsetMin: this.context.sbsUtcOffsetMin });
    if (!parsed.ok) {
      countRejection(stats, parsed, arrivalMs);
      return;
    }

    stats.countReceived(arrivalMs);
    if (this.duplicates.isDuplicate(line)) {
      stats.countRejected("duplicate");
      return;
    }
    if (!parsed.value.addressIsIcao) {
      stats.countRejected("unsupported");
      return;
    }

    const timeMs = parsed.value.generatedAtMs ?? arrivalMs;
    const observation = sbsObservation(parsed.value, stats.sourceId, timeMs, this.context.relocation);
    if (observation === "out_of_range") {
      stats.countRejected("out_of_range");
      return;
    }
    stats.decoded++;
    sink.ingest(observation);
  }
}

class AvrLineHandler implements LineHandler {
  private readonly duplicates = new DuplicateFilter();
  private readonly clock: CounterClock;

  constructor(private readonly context: FeedContext) {
    this.clock = new CounterClock(context.counterMaxDriftMs);
  }

  handleLine(line: string, arrivalMs: number): void {
    const { stats } = this.context;
    const parsed = parseAvrLine(line);
    if (!parsed.ok) {
      countRejection(stats, parsed, arrivalMs);
      return;
    }

    stats.countReceived(arrivalMs);
    if (this.duplicates.isDuplicate(line)) {
      stats.countRejected("duplicate");
      return;
    }
    if (parsed.value.kind === "mode_ac") {
      stats.countRejected("unsupported");
      return;
    }

    const ticks = parsed.value.mlatTicks;
    const timeMs = ticks === null ? arrivalMs : this.clock.toEpochMs(ticks, arrivalMs);
    this.context.modeS.ingestFrame(parsed.value.frame, timeMs);
  }
}

class LineStreamDecoder implements StreamDecoder {
  private readonly splitter: LineSplitter;
  private arrivalMs = 0;

  constructor(handler: LineHandler, context: FeedContext) {
    this.splitter = new LineSplitter({
      maxLineBytes: context.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      onLine: (line) => handler.handleLine(line, this.arrivalMs),
      onOversize: () => {
        context.stats.countReceived(this.arrivalMs);
        context.stats.countRejected("unparseable");
      },
    });
  }

  push(chunk: Uint8Array, arrivalMs: number): void {
    this.arrivalMs = arrivalMs;
    this.splitter.push(chunk);
  }

  end(arrivalMs: number): void {
    this.arrivalMs = arrivalMs;
    this.splitter.end();
  }
}

/**
 * Beast records. The framer drops heartbeats itself. Records it cuts
 * short or cannot read are counted from its counters after each chunk.
 * Garbage between records counts once per chunk that had any.
 */
class BeastStreamDecoder implements StreamDecoder {
  private readonly framer = new BeastFramer();
  private readonly duplicates = new DuplicateFilter();
  private readonly clock: CounterClock;
  private counted: BeastFramerStats = { ...this.framer.stats };

  constructor(private readonly context: FeedContext) {
    this.clock = new CounterClock(context.counterMaxDriftMs);
  }

  push(chunk: Uint8Array, arrivalMs: number): void {
    const { stats, modeS } = this.context;
    for (const record of this.framer.push(chunk)) {
      stats.countReceived(arrivalMs);
      if (this.duplicates.isDuplicate(`${record.timestampTicks}:${bytesToHex(record.frame)}`)) {
        stats.countRejected("duplicate");
        continue;
      }
      if (record.kind === "mode_ac") {
        stats.countRejected("unsupported");
        continue;
      }
      modeS.ingestFrame(record.frame, this.clock.toEpochMs(record.timestampTicks, arrivalMs));
    }
    this.countFramerRejections(arrivalMs);
  }

  end(): void {}

  private countFramerRejections(arrivalMs: number): void {
    const { stats } = this.context;
    const now = this.framer.stats;
    for (let index = this.counted.truncatedRecords; index < now.truncatedRecords; index++) {
      stats.countReceived(arrivalMs);
      stats.countRejected("unparseable");
    }
    for (let index = this.counted.unsupportedRecords; index < now.unsupportedRecords; index++) {
      stats.countReceived(arrivalMs);
      stats.countRejected("unsupported");
    }
    if (now.skippedBytes > this.counted.skippedBytes) {
      stats.countReceived(arrivalMs);
      stats.countRejected("unparseable");
    }
    this.counted = { ...now };
  }
}
