// Plays a recorded SBS, AVR or Beast file into a running tcp-listener
// source at the recording's own pace, so it goes through the same
// ingestion path as a live receiver.
//
//   npm run replay -- FILE [--speed N|max] [--format sbs|avr|beast]
//                          [--to HOST:PORT] [--relocate dLon,dLat] [--loop]
import { parseArgs } from "node:util";

import { createLogger } from "../api/logger.js";
import { playRecording } from "../tracking/sources/replay/player.js";
import { readRecording, type ReplayFormat } from "../tracking/sources/replay/recording.js";
import type { Relocation } from "../tracking/sources/relocation.js";

const USAGE = `Usage: npm run replay -- FILE [options]

Plays a recorded feed into a tcp-listener source in real time.

Options:
  --speed N|max        playback speed: 1 real time, 10 ten times faster,
                       max as fast as the listener reads (default 1)
  --format FORMAT      sbs, avr or beast (default: sniffed from the file)
  --to HOST:PORT       listener address (default 127.0.0.1 and the
                       dump1090 port: 30003 sbs, 30002 avr, 30005 beast)
  --relocate dLon,dLat shift every position by these degrees before
                       sending; prefer the listener's "relocate" setting,
                       which also marks its traffic as relocated
  --loop               start again at the end until interrupted
  --help               show this text
`;

const DEFAULT_PORTS: Record<ReplayFormat, number> = { sbs: 30003, avr: 30002, beast: 30005 };

interface ReplayArguments {
  path: string;
  speed: number;
  format: ReplayFormat | undefined;
  to: { host: string; port: number } | null;
  relocate: Relocation | null;
  loop: boolean;
}

/** Thrown for a bad command line; main prints it with the usage text. */
class UsageError extends Error {}

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

function parseFormat(text: string | undefined): ReplayFormat | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (text === "sbs" || text === "avr" || text === "beast") {
    return text;
  }
  if (text === "json") {
    throw new UsageError(`--format: aircraft.json is polled over HTTP, not pushed over TCP; configure a source with transport "file" to read it`);
  }
  throw new UsageError(`--format: expected sbs, avr or beast, got "${text}"`);
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
  let args: ReplayArguments | null;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args === null) {
    process.stdout.write(USAGE);
    return;
  }

  const recording = await readRecording(args.path, { format: args.format, relocate: args.relocate });
  const to = args.to ?? { host: "127.0.0.1", port: DEFAULT_PORTS[recording.format] };
  const durationS = (recording.records.at(-1)?.offsetMs ?? 0) / 1000;
  logger.info(
    { path: args.path, format: recording.format, records: recording.records.length, skipped: recording.skipped, durationS, speed: args.speed, to },
    "replay starting",
  );

  const abort = new AbortController();
  process.once("SIGINT", () => abort.abort());
  const result = await playRecording(recording, { ...to, speed: args.speed, loop: args.loop, signal: abort.signal, logger });
  logger.info({ sentRecords: result.sentRecords, passes: result.passes }, "replay finished");
}

main().catch((error: unknown) => {
  createLogger().error({ err: error }, "replay failed");
  process.exit(1);
});
