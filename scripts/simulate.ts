// Flies the demo fleet over Bayannur and sends its ADS-B traffic as AVR
// frames and SBS lines to tcp-listener sources, as receivers would.
//
//   npm run simulate -- [--to avr=HOST:PORT] [--to sbs=HOST:PORT]
//                       [--rate-hz N] [--aircraft N] [--seed N]
//                       [--api URL] [--time-factor N]
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { createLogger } from "../api/logger.js";
import { buildDemoFleet, loadDemoData } from "../tracking/simulator/fleet.js";
import { ApiMissionSource } from "../tracking/simulator/mission-source.js";
import { FleetSimulator, type SimulatorOutput } from "../tracking/simulator/simulator.js";
import { buildSyntheticFleet, MAX_SYNTHETIC_AIRCRAFT } from "../tracking/simulator/synthetic.js";
import { readCommandLine, UsageError } from "./command-line.js";

const USAGE = `Usage: npm run simulate -- [options]

Flies the available aircraft of data/demo/aircraft.json along the demo
patrol routes, or out and back from their bases, at their type's cruise
speed, and sends AVR frames and SBS lines to TCP listeners.

Options:
  --to FORMAT=HOST:PORT  an output, repeatable; FORMAT is avr or sbs
                         (default avr=127.0.0.1:30002 and sbs=127.0.0.1:30003)
  --rate-hz N            position and velocity messages per aircraft per
                         second (default 2)
  --aircraft N           add N synthetic aircraft over Bayannur, for load
                         tests (default 0, at most ${MAX_SYNTHETIC_AIRCRAFT})
  --seed N               seed of the synthetic aircraft (default 1)
  --api URL              follow the active missions of this API, such as
                         http://127.0.0.1:8080: dispatched aircraft fly to
                         their incident, orbit, and return to their base.
                         Reads the API token (a viewer token is enough)
                         from the SIMULATOR_TOKEN environment variable
  --time-factor N        simulated seconds per second (default 1, at most
                         100); reported speeds stay true, so above 1 the
                         tracking service may reject positions as jumps
  --help                 show this text
`;

const DEFAULT_OUTPUTS: SimulatorOutput[] = [
  { format: "avr", host: "127.0.0.1", port: 30002 },
  { format: "sbs", host: "127.0.0.1", port: 30003 },
];

interface SimulateArguments {
  outputs: SimulatorOutput[];
  rateHz: number;
  syntheticCount: number;
  seed: number;
  apiUrl: string | null;
  timeFactor: number;
}

function parseArguments(argv: string[]): SimulateArguments | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      to: { type: "string", multiple: true },
      "rate-hz": { type: "string", default: "2" },
      aircraft: { type: "string", default: "0" },
      seed: { type: "string", default: "1" },
      api: { type: "string" },
      "time-factor": { type: "string", default: "1" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    return null;
  }

  return {
    outputs: values.to === undefined ? DEFAULT_OUTPUTS : values.to.map(parseOutput),
    rateHz: parseNumber("--rate-hz", values["rate-hz"], 0.1, 100),
    syntheticCount: Math.round(parseNumber("--aircraft", values.aircraft, 0, MAX_SYNTHETIC_AIRCRAFT)),
    seed: Math.round(parseNumber("--seed", values.seed, 1, 2 ** 31 - 2)),
    apiUrl: values.api === undefined ? null : parseApiUrl(values.api),
    timeFactor: parseNumber("--time-factor", values["time-factor"], 0.01, 100),
  };
}

function parseOutput(text: string): SimulatorOutput {
  const match = /^(avr|sbs)=(.+):(\d+)$/.exec(text);
  const port = Number(match?.[3]);
  if (match === null || !(port >= 1 && port <= 65535)) {
    throw new UsageError(`--to: expected avr=HOST:PORT or sbs=HOST:PORT, got "${text}"`);
  }
  return { format: match[1] as "avr" | "sbs", host: match[2]!.replace(/^\[(.*)\]$/, "$1"), port };
}

function parseApiUrl(text: string): string {
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
    throw new UsageError(`--api: expected an http or https URL such as http://127.0.0.1:8080, got "${text}"`);
  }
  if (!process.env.SIMULATOR_TOKEN) {
    throw new UsageError("--api: set SIMULATOR_TOKEN to an API token (a viewer token is enough) to read the missions");
  }
  return text;
}

function parseNumber(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${option}: expected a number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

async function main(): Promise<void> {
  const logger = createLogger();
  const args = readCommandLine(parseArguments, USAGE);
  if (args === null) {
    return;
  }

  const dataDirectory = new URL("../data/", import.meta.url);
  const demoFleet = buildDemoFleet(await loadDemoData(dataDirectory));
  const aircraft = [...demoFleet, ...buildSyntheticFleet(args.syntheticCount, args.seed)];
  logger.info({ demoAircraft: demoFleet.length, syntheticAircraft: args.syntheticCount, data: fileURLToPath(dataDirectory) }, "simulator fleet loaded");

  const missions = args.apiUrl === null ? undefined : new ApiMissionSource({ apiUrl: args.apiUrl, token: process.env.SIMULATOR_TOKEN! });
  const simulator = new FleetSimulator({ aircraft, outputs: args.outputs, rateHz: args.rateHz, timeFactor: args.timeFactor, missions, logger });
  simulator.start();
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await simulator.stop();
}

main().catch((error: unknown) => {
  createLogger().error({ err: error }, "simulator failed");
  process.exit(1);
});
