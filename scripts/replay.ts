// Plays a recorded SBS, AVR or Beast file into a running tcp-listener
// source at the recording's own pace, so it goes through the same
// ingestion path as a live receiver. An aircraft.json recording is served
// over HTTP instead, for an http-poll source.
//
//   npm run replay -- FILE [--speed N|max] [--format sbs|avr|beast|json]
//                          [--to HOST:PORT] [--relocate dLon,dLat] [--loop]
import { parseArgs } from "node:util";

import { createLogger } from "../api/logger.js";
import { sniffFileFormatSync } from "../tracking/sources/file-source.js";
import { playRecording, type PlayResult } from "../tracking/sources/replay/player.js";
import { readRecording, type ReplayFormat } from "../tracking/sources/replay/recording.js";
import { readSnapshots, serveSnapshots } from "../tracking/sources/replay/snapshot-server.js";
import type { Relocation } from "../tracking/sources/relocation.js";
import { readCommandLine, UsageError } from "./command-line.js";

const USAGE = `Usage: npm run replay -- FILE [options]

Plays a recorded feed into a tcp-listener source in real time. An
aircraft.json recording (one snapshot, or one per line) is served at
http://HOST:PORT/data/aircraft.json for an http-poll source instead.

Options:
  --speed N|max        playback speed: 1 real time, 10 ten times faster,
                       max as fast as the listener reads (default 1)
  --format FORMAT      sbs, avr, beast or json (default: sniffed from the file)
  --to HOST:PORT       listener address, or for json the address to serve
                       on (default 127.0.0.1 and the dump1090 port: 30003
                       sbs, 30002 avr, 30005 beast; 30080 json)
  --relocate dLon,dLat shift every position by these degrees before
                       sending (sbs, avr, beast); prefer the source's
                       "relocate" setting, which also marks its traffic
                       as relocated
  --loop               start again at the end until interrupted
  --help               show this text
`;

type CliFormat = ReplayFormat | "json";

const DEFAULT_PORTS: Record<CliFormat, number> = { sbs: 30003, avr: 30002, beast: 30005, json: 30080 };

interface ReplayArguments {
  path: string;
  speed: number;
  format: CliFormat | undefined;
  to: { host: string; port: number } | null;
  relocate: Relocation | null;
  loop: boolean;
}

function parseArguments(argv: string[]): ReplayArguments | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      speed: { type: "string", default: "1" },
      format: { type: "string" },
      to: { type: "string" },
      relocate: { type: "string" },
      loop: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });

  if (values.help) {
    return null;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`FILE: expected one recording, got ${positionals.length}`);
  }

  return {
    path: positionals[0]!,
    speed: parseSpeed(values.speed),
    format: parseFormat(values.format),
    to: values.to === undefined ? null : parseHostPort(values.to),
    relocate: values.relocate === undefined ? null : parseRelocation(values.relocate),
    loop: values.loop,
  };
}

function parseSpeed(text: string): number {
  if (text === "max") {
    return Infinity;
  }
  const speed = Number(text);
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new UsageError(`--speed: expected a number above 0 or "max", got "${text}"`);
  }
  return speed;
}

function parseFormat(text: string | undefined): CliFormat | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (text === "sbs" || text === "avr" || text === "beast" || text === "json") {
    return text;
  }
  throw new UsageError(`--format: expected sbs, avr, beast or json, got "${text}"`);
}

function parseHostPort(text: string): { host: string; port: number } {
  const colon = text.lastIndexOf(":");
  const host = text.slice(0, colon).replace(/^\[(.*)\]$/, "$1");
  const port = Number(text.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--to: expected HOST:PORT such as 127.0.0.1:30003, got "${text}"`);
  }
  return { host, port };
}

function parseRelocation(text: string): Relocation {
  const parts = text.split(",").map(Number);
  if (parts.length !== 2 || !parts.every(Number.isFinite)) {
    throw new UsageError(`--relocate: expected two numbers "dLon,dLat" in degrees, got "${text}"`);
  }
  return { dLonDeg: parts[0]!, dLatDeg: parts[1]! };
}

async function main(): Promise<void> {
  const logger = createLogger();
  const args = readCommandLine(parseArguments, USAGE);
  if (args === null) {
    return;
  }

  const abort = new AbortController();
  process.once("SIGINT", () => abort.abort());
  const format = args.format ?? sniffFileFormatSync(args.path);
  if (format === "hexcsv") {
    throw new Error(`${args.path}: hex CSV has no receiver wire format to replay; read it with a source of transport "file"`);
  }
  const to = args.to ?? { host: "127.0.0.1", port: DEFAULT_PORTS[format] };
  const play = { ...to, speed: args.speed, loop: args.loop, signal: abort.signal, logger };

  let result: PlayResult;
  if (format === "json") {
    if (args.relocate !== null) {
      throw new Error(`--relocate: not supported for aircraft.json; set "relocate" on the http-poll source instead`);
    }
    const snapshots = await readSnapshots(args.path);
    logger.info({ path: args.path, format, snapshots: snapshots.length, speed: args.speed, to }, "replay starting");
    result = await serveSnapshots(snapshots, play);
  } else {
    const recording = await readRecording(args.path, { format, relocate: args.relocate });
    const durationS = (recording.records.at(-1)?.offsetMs ?? 0) / 1000;
    logger.info({ path: args.path, format, records: recording.records.length, skipped: recording.skipped, durationS, speed: args.speed, to }, "replay starting");
    result = await playRecording(recording, play);
  }
  logger.info({ sentRecords: result.sentRecords, passes: result.passes }, "replay finished");
}

main().catch((error: unknown) => {
  createLogger().error({ err: error }, "replay failed");
  process.exit(1);
});
