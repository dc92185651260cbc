import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import type { Logger } from "../../api/logger.js";
import type { Observation } from "../observation.js";
import { AircraftJsonIngester } from "./aircraft-json-ingest.js";
import { createLineHandler, createStreamDecoder, type FeedContext, type LineHandler } from "./feed-decoder.js";
import { createFeedContext, sourceLogger, type CommonSourceOptions, type FeedSource } from "./feed-source.js";
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from "./line-splitter.js";
import type { ObservationSink, SourceStats } from "./stats.js";

/**
 * Reads a recorded feed file through the same decoders as the live
 * sources, as fast as it can, with each message stamped from the file's
 * own timeline:
 * - SBS: the "generated" date/time fields, read with `sbsUtcOffsetMin`
 *   (default 0: readsb writes UTC; dump1090-fa writes receiver local time);
 * - AVR with MLAT `@` timestamps and Beast: the 12 MHz counter, counted
 *   from `startMs`;
 * - AVR without timestamps: `startMs` plus `untimedIntervalMs` per line;
 * - aircraft.json: the snapshot's `now`, `seen` and `seen_pos`; one
 *   snapshot per file, or one per line (JSON Lines);
 * - hexcsv: `unix_seconds,"HEX",...` lines, as in pyModeS's sample data.
 * With `shiftToStart`, recorded clock times move so that the first
 * observation lands at `startMs`, as if the recording were live.
 */

export type FileFormat = "sbs" | "avr" | "beast" | "json" | "hexcsv";

export interface FileSourceOptions extends CommonSourceOptions {
  path: string;
  /** Sniffed from the first bytes when not given. */
  format?: FileFormat;
  /** UTC epoch ms where counter and untimed timelines begin; defaults to the time `start()` is called. */
  startMs?: number;
  shiftToStart?: boolean;
  untimedIntervalMs?: number;
}

const DEFAULT_UNTIMED_INTERVAL_MS = 10;
const SNIFF_BYTES = 256;

export class FileSource implements FeedSource {
  readonly id: string;
  readonly stats: SourceStats;
  readonly format: FileFormat;

  private readonly context: FeedContext;
  private readonly logger: Logger;
  private activeSink: ObservationSink;
  private stopped = false;

  /** Sniffs the format from the file's first bytes when none is given, so it throws when the file cannot be read. */
  constructor(private readonly options: FileSourceOptions) {
    this.id = options.id;
    this.format = options.format ?? sniffFileFormatSync(options.path);
    this.activeSink = options.sink;
    const forwardingSink: ObservationSink = { ingest: (observation) => this.activeSink.ingest(observation) };
    this.context = createFeedContext({ ...options, sink: forwardingSink, sbsUtcOffsetMin: options.sbsUtcOffsetMin ?? 0 }, this.format, "file");
    this.stats = this.context.stats;
    this.logger = sourceLogger(options);
  }

  /** Reads the whole file; resolves when every line or record has been ingested. */
  async start(): Promise<void> {
    this.stopped = false;
    const startMs = this.options.startMs ?? Date.now();
    this.activeSink = this.options.shiftToStart ? new ShiftingSink(this.options.sink, startMs) : this.options.sink;
    this.logger.info({ path: this.options.path, format: this.format }, "file source reading");

    try {
      await this.read(this.format, this.context, startMs);
      this.logger.info({ path: this.options.path, received: this.stats.received, decoded: this.stats.decoded }, "file source finished");
    } catch (error) {
      this.stats.lastError = (error as Error).message;
      this.logger.error({ err: error, path: this.options.path }, "file source failed");
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  private async read(format: FileFormat, context: FeedContext, startMs: number): Promise<void> {
    if (format === "beast") {
      const decoder = createStreamDecoder("beast", { ...context, counterMaxDriftMs: Infinity });
      for await (const chunk of createReadStream(this.options.path)) {
        if (this.stopped) {
          return;
        }
        decoder.push(chunk as Buffer, startMs);
      }
      return;
    }

    const handler = this.lineHandler(format, context, startMs);
    let lineIndex = 0;
    const splitter = new LineSplitter({
      maxLineBytes: format === "json" ? Number.MAX_SAFE_INTEGER : DEFAULT_MAX_LINE_BYTES,
      onLine: (line) => handler(line, lineIndex++),
      onOversize: () => {
        context.stats.countReceived(startMs);
        context.stats.countRejected("unparseable");
      },
    });
    for await (const chunk of createReadStream(this.options.path)) {
      if (this.stopped) {
        return;
      }
      splitter.push(chunk as Buffer);
    }
    splitter.end();
    if (format === "json") {
      this.flushJson(context, startMs);
    }
  }

  /** Returns a function that handles one line given its index in the file. */
  private lineHandler(format: Exclude<FileFormat, "beast">, context: FeedContext, startMs: number): (line: string, index: number) => void {
    const untimedIntervalMs = this.options.untimedIntervalMs ?? DEFAULT_UNTIMED_INTERVAL_MS;
    if (format === "json") {
      return (line) => this.collectJson(line);
    }
    if (format === "hexcsv") {
      const handler = new HexCsvLineHandler(context);
      return (line, index) => handler.handleLine(line, startMs + index * untimedIntervalMs);
    }

    const handler: LineHandler = createLineHandler(format, { ...context, counterMaxDriftMs: Infinity });
    return (line, index) => handler.handleLine(line, startMs + index * untimedIntervalMs);
  }

  private jsonLines: string[] = [];

  private collectJson(line: string): void {
    this.jsonLines.push(line);
  }

  /** Ingests the collected lines as one pretty-printed snapshot, or as one snapshot per line. */
  private flushJson(context: FeedContext, startMs: number): void {
    const ingester = new AircraftJsonIngester({ stats: context.stats, sink: context.sink, relocate: context.relocation });
    const lines = this.jsonLines.filter((line) => line.trim() !== "");
    this.jsonLines = [];
    const looksLikeJsonLines = lines.length > 1 && lines.every((line) => line.trimStart().startsWith("{") && line.trimEnd().endsWith("}"));
    if (!looksLikeJsonLines) {
      ingester.ingestSnapshot(lines.join("\n"), startMs);
      return;
    }
    for (const line of lines) {
      ingester.ingestSnapshot(line, startMs);
    }
  }
}

/**
 * Lines of `unix_seconds,"HEX",...`: a receive time and a Mode S frame,
 * as in pyModeS's sample data. Extra columns are ignored.
 */
class HexCsvLineHandler implements LineHandler {
  constructor(private readonly context: FeedContext) {}

  handleLine(line: string, arrivalMs: number): void {
    const { stats, modeS } = this.context;
    if (line.trim() === "") {
      return;
    }

    stats.countReceived(arrivalMs);
    const [timeText, hexText] = line.split(",", 2);
    const timeS = Number(timeText);
    const hex = hexText?.replaceAll('"', "").trim() ?? "";
    if (timeText === undefined || timeText.trim() === "" || !Number.isFinite(timeS) || hex === "") {
      stats.countRejected("unparseable");
      return;
    }
    modeS.ingestFrame(hex, timeS * 1000);
  }
}

/**
 * Moves every observation's time by one offset, fixed by the first
 * observation, so a recording's clock starts at `startMs`.
 */
class ShiftingSink implements ObservationSink {
  private offsetMs: number | null = null;

  constructor(
    private readonly sink: ObservationSink,
    private readonly startMs: number,
  ) {}

  ingest(observation: Observation): void {
    this.offsetMs ??= this.startMs - observation.timeMs;
    this.sink.ingest({ ...observation, timeMs: observation.timeMs + this.offsetMs });
  }
}

/** Guesses a file's format from its first bytes; throws when the file cannot be read or no format fits. */
export function sniffFileFormatSync(path: string): FileFormat {
  const descriptor = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const bytesRead = readSync(descriptor, buffer, 0, SNIFF_BYTES, 0);
    return sniffFormat(buffer.subarray(0, bytesRead), path);
  } finally {
    closeSync(descriptor);
  }
}

export function sniffFormat(head: Uint8Array, name = "input"): FileFormat {
  if (head[0] === 0x1a) {
    return "beast";
  }

  const text = Buffer.from(head).toString("latin1").trimStart();
  if (text.startsWith("{") || text.startsWith("[")) {
    return "json";
  }
  if (text.startsWith("*") || text.startsWith("@")) {
    return "avr";
  }
  if (/^(MSG|SEL|ID|AIR|STA|CLK),/.test(text)) {
    return "sbs";
  }
  if (/^\d+(\.\d+)?,"?[0-9A-Fa-f]{14,28}"?/.test(text)) {
    return "hexcsv";
  }
  throw new Error(`${name}: format not recognised from its first bytes; pass format as one of sbs, avr, beast, json, hexcsv`);
}
