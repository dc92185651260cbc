import { readFile } from "node:fs/promises";
import { parseAvrLine } from "../../formats/avr.js";
import { BeastFramer } from "../../formats/beast.js";
import { signedElapsedTicks, TICKS_PER_SECOND } from "../../formats/beast-clock.js";
import { formatAvrLine } from "../../formats/encode/avr-encoder.js";
import { parseSbsLine } from "../../formats/sbs.js";
import { sniffFormat } from "../file-source.js";
import type { Relocation } from "../relocation.js";
import { encodeBeastRecord } from "./beast-encode.js";
import { FrameRelocator } from "./frame-relocator.js";

/**
 * A recorded feed cut into the records a replay sends, each with its
 * offset in ms from the first record on the recording's own clock:
 * - SBS: the "generated" date/time fields;
 * - AVR with `@` timestamps and Beast: the 48-bit 12 MHz counter,
 *   stepped record to record modulo 2^48 so a wrap counts forward;
 * - lines without a time: `untimedIntervalMs` after the previous record.
 * A step backwards of more than a second or forwards of more than
 * `MAX_GAP_MS` is a counter reset or a gap in the recording, and the
 * next record follows at once.
 */

export type ReplayFormat = "sbs" | "avr" | "beast";

export interface ReplayRecord {
  offsetMs: number;
  bytes: Buffer;
}

export interface RecordingOptions {
  format?: ReplayFormat;
  untimedIntervalMs?: number;
  relocate?: Relocation | null;
}

export interface Recording {
  format: ReplayFormat;
  records: ReplayRecord[];
  /** Lines or records that could not be read, or whose position could not be relocated; not sent. */
  skipped: number;
}

const DEFAULT_UNTIMED_INTERVAL_MS = 10;
const MAX_GAP_MS = 60_000;
/** Frames of one receiver may arrive a little out of timestamp order. */
const MAX_BACKWARD_STEP_MS = 1_000;
const TICKS_PER_MS = TICKS_PER_SECOND / 1000;

/** Reads a recording; the format is sniffed from the content unless given. */
export async function readRecording(path: string, options: RecordingOptions = {}): Promise<Recording> {
  const content = await readFile(path);
  const format = options.format ?? replayFormatOf(sniffFormat(content.subarray(0, 256), path), path);
  const timeline = new Timeline(options.untimedIntervalMs ?? DEFAULT_UNTIMED_INTERVAL_MS);
  const relocation = options.relocate ?? null;

  if (format === "beast") {
    return readBeast(content, timeline, relocation);
  }
  return readLines(content.toString("latin1"), format, timeline, relocation);
}

function replayFormatOf(sniffed: string, path: string): ReplayFormat {
  if (sniffed === "sbs" || sniffed === "avr" || sniffed === "beast") {
    return sniffed;
  }
  throw new Error(`${path}: ${sniffed} files cannot be replayed over TCP; configure a source with transport "file" instead`);
}

type RecordTime = { value: number; unit: "ms" | "ticks" };

/**
 * Turns record times (ms, or counter ticks) into offsets from the first
 * record. Steps are measured from the latest time seen, so a record a
 * little out of order neither moves the clock back nor adds its delay
 * twice.
 */
class Timeline {
  private offsetMs = 0;
  private latest: RecordTime | null = null;
  private started = false;

  constructor(private readonly untimedIntervalMs: number) {}

  next(time: RecordTime | null): number {
    if (!this.started) {
      this.started = true;
      this.latest = time;
      return 0;
    }

    this.offsetMs += this.stepMs(time);
    return this.offsetMs;
  }

  private stepMs(time: RecordTime | null): number {
    if (time === null) {
      return this.untimedIntervalMs;
    }

    const latest = this.latest;
    if (latest === null || latest.unit !== time.unit) {
      this.latest = time;
      return 0;
    }

    const stepMs = time.unit === "ticks" ? signedElapsedTicks(latest.value, time.value) / TICKS_PER_MS : time.value - latest.value;
    if (stepMs < 0 && stepMs >= -MAX_BACKWARD_STEP_MS) {
      return 0;
    }

    this.latest = time;
    return stepMs > MAX_GAP_MS || stepMs < 0 ? 0 : stepMs;
  }
}

function readLines(text: string, format: "sbs" | "avr", timeline: Timeline, relocation: Relocation | null): Recording {
  const records: ReplayRecord[] = [];
  const relocator = relocation === null ? null : new FrameRelocator(relocation);
  let skipped = 0;

  for (const rawLine of text.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === "") {
      continue;
    }

    const prepared = format === "sbs" ? prepareSbsLine(line, timeline, relocation) : prepareAvrLine(line, timeline, relocator);
    if (prepared.line === null) {
      skipped++;
      continue;
    }
    records.push({ offsetMs: prepared.offsetMs, bytes: Buffer.from(prepared.line + "\n", "latin1") });
  }
  return { format, records, skipped };
}

interface PreparedLine {
  /** Line to send, or null when relocation had to drop it. */
  line: string | null;
  offsetMs: number;
}

/** Lines that do not parse are still sent, so the listener counts them as it would live. */
function prepareSbsLine(line: string, timeline: Timeline, relocation: Relocation | null): PreparedLine {
  const parsed = parseSbsLine(line, { utcOffsetMin: 0 });
  if (!parsed.ok) {
    return { line, offsetMs: timeline.next(null) };
  }

  const generatedAtMs = parsed.value.generatedAtMs;
  const offsetMs = timeline.next(generatedAtMs === null ? null : { value: generatedAtMs, unit: "ms" });
  if (relocation === null || parsed.value.latDeg === null || parsed.value.lonDeg === null) {
    return { line, offsetMs };
  }
  return { line: relocateSbsLine(line, relocation), offsetMs };
}

/** Rewrites fields 14 and 15 (latitude, longitude) of an SBS line. */
function relocateSbsLine(line: string, relocation: Relocation): string | null {
  const fields = line.split(",");
  const latDeg = Number(fields[14]) + relocation.dLatDeg;
  const lonDeg = Number(fields[15]) + relocation.dLonDeg;
  if (Math.abs(latDeg) > 90 || Math.abs(lonDeg) > 180) {
    return null;
  }
  fields[14] = latDeg.toFixed(5);
  fields[15] = lonDeg.toFixed(5);
  return fields.join(",");
}

function prepareAvrLine(line: string, timeline: Timeline, relocator: FrameRelocator | null): PreparedLine {
  const parsed = parseAvrLine(line);
  if (!parsed.ok) {
    return { line, offsetMs: timeline.next(null) };
  }

  const ticks = parsed.value.mlatTicks;
  const offsetMs = timeline.next(ticks === null ? null : { value: ticks, unit: "ticks" });
  if (relocator === null || parsed.value.kind === "mode_ac") {
    return { line, offsetMs };
  }

  // CPR pairing needs the frames' times; the replay offset is that time.
  const frame = relocator.relocate(parsed.value.frame, offsetMs);
  return { line: frame === null ? null : formatAvrLine(frame, ticks), offsetMs };
}

function readBeast(content: Buffer, timeline: Timeline, relocation: Relocation | null): Recording {
  const framer = new BeastFramer();
  const relocator = relocation === null ? null : new FrameRelocator(relocation);
  const records: ReplayRecord[] = [];
  let skipped = 0;

  for (const record of framer.push(content)) {
    const offsetMs = timeline.next({ value: record.timestampTicks, unit: "ticks" });
    const frame = relocator === null || record.kind === "mode_ac" ? record.frame : relocator.relocate(record.frame, offsetMs);
    if (frame === null) {
      skipped++;
      continue;
    }
    records.push({ offsetMs, bytes: encodeBeastRecord(frame, record.timestampTicks, record.signalLevel) });
  }

  const framerStats = framer.stats;
  skipped += framerStats.truncatedRecords + framerStats.unsupportedRecords;
  return { format: "beast", records, skipped };
}
