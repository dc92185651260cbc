// The demo's live traffic: the fleet simulator sends AVR and SBS to two TCP
// listeners, and a real recording is replayed in a loop into a third,
// relocated over Bayannur. All go through the real ingestion path.
import { fileURLToPath } from "node:url";

import type { Logger } from "../api/logger.js";
import type { TrackingService } from "../tracking/service.js";
import { playRecording } from "../tracking/sources/replay/player.js";
import { readRecording, type Recording } from "../tracking/sources/replay/recording.js";
import { buildDemoFleet, loadDemoData } from "../tracking/simulator/fleet.js";
import { ApiMissionSource, type ApiMissionSourceOptions } from "../tracking/simulator/mission-source.js";
import { FleetSimulator } from "../tracking/simulator/simulator.js";

// The recording was made near St Petersburg (about 30.5-37 E, 59-60.5 N; see
// data/README.md). This offset moves its centre over the Hetao plain north of
// Linhe. It is a plain shift in degrees, so east-west distances come out
// about 1.5 times longer than flown: fine for a moving picture, not for
// measurements, and the console labels this traffic as relocated.
const RECORDING_RELOCATION = { dLonDeg: 74.5, dLatDeg: -18.8 };

export interface DemoFeedPorts {
  simulatorAvr: number;
  simulatorSbs: number;
  recording: number;
}

// The dump1090 convention (30002 raw AVR, 30003 SBS) for the simulator, and
// the next free-looking port for the recording. DEMO_FEED_PORTS="avr,sbs,recording"
// changes them, for example when a receiver already uses 30002.
export function demoPortsFrom(env: NodeJS.ProcessEnv): DemoFeedPorts {
  const text = env.DEMO_FEED_PORTS;
  if (!text) {
    return { simulatorAvr: 30002, simulatorSbs: 30003, recording: 30012 };
  }
  const ports = text.split(",").map(Number);
  if (ports.length !== 3 || !ports.every((port) => Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw new Error(`DEMO_FEED_PORTS: expected three TCP ports "avr,sbs,recording" such as "30002,30003,30012", got "${text}"`);
  }
  const [simulatorAvr, simulatorSbs, recording] = ports as [number, number, number];
  return { simulatorAvr, simulatorSbs, recording };
}

// Adds one demo listener. A port already in use is logged, not fatal, so
// the API and console still start without that part of the traffic.
async function addListener(tracking: TrackingService, logger: Logger, config: Record<string, unknown>): Promise<boolean> {
  try {
    await tracking.registry.add(config);
    return true;
  } catch (error) {
    logger.error(
      { err: error, sourceId: config.id, port: config.port },
      "demo feed listener could not start; set DEMO_FEED_PORTS to free ports, or DEMO_FEEDS=0 to run without demo traffic",
    );
    return false;
  }
}

// Starts the listeners, the simulator and the looped replay; the returned
// function stops the simulator and the replay. With `missions`, the
// simulator polls the API for active missions and flies the assigned
// aircraft to their incidents.
export async function startDemoFeeds(
  tracking: TrackingService,
  logger: Logger,
  ports: DemoFeedPorts,
  missions: ApiMissionSourceOptions | null = null,
): Promise<() => Promise<void>> {
  const simulatorAvr = await addListener(tracking, logger, { id: "demo-simulator-avr", format: "avr", transport: "tcp-listener", host: "127.0.0.1", port: ports.simulatorAvr });
  const simulatorSbs = await addListener(tracking, logger, {
    id: "demo-simulator-sbs",
    format: "sbs",
    transport: "tcp-listener",
    host: "127.0.0.1",
    port: ports.simulatorSbs,
    sbsUtcOffsetMin: 0,
  });
  const recordingListener = await addListener(tracking, logger, {
    id: "demo-recording-ulss7",
    format: "avr",
    transport: "tcp-listener",
    host: "127.0.0.1",
    port: ports.recording,
    relocate: RECORDING_RELOCATION,
  });

  const dataDirectory = new URL("../data/", import.meta.url);
  const fleet = buildDemoFleet(await loadDemoData(dataDirectory));
  const simulator = new FleetSimulator({
    aircraft: fleet,
    outputs: [
      ...(simulatorAvr ? [{ format: "avr" as const, host: "127.0.0.1", port: ports.simulatorAvr }] : []),
      ...(simulatorSbs ? [{ format: "sbs" as const, host: "127.0.0.1", port: ports.simulatorSbs }] : []),
    ],
    rateHz: 1,
    ...(missions ? { missions: new ApiMissionSource(missions) } : {}),
    logger,
  });
  simulator.start();

  const abort = new AbortController();
  const recordingPath = fileURLToPath(new URL("feeds/beastblackbox_ulss7_2018-04-03.avr-mlat.txt", dataDirectory));
  const recording = withoutRepeatedRecords(await readRecording(recordingPath, { format: "avr" }));
  const replay = recordingListener
    ? playRecording(recording, { host: "127.0.0.1", port: ports.recording, speed: 1, loop: true, signal: abort.signal, logger }).catch(
        (error: unknown) => logger.error({ err: error }, "demo replay stopped"),
      )
    : Promise.resolve();
  logger.info({ simulatedAircraft: fleet.length, recordedFrames: recording.records.length }, "demo feeds started");

  return async () => {
    abort.abort();
    await simulator.stop();
    await replay;
  };
}

// The ulss7 capture contains every record twice, with the same timestamp and
// payload (tracking/fixtures/adsb/README.md). Replayed as is, half of the
// demo recording would count as duplicate and make a healthy feed look
// faulty, so the demo sends each record once. Tests keep the repeats.
export function withoutRepeatedRecords(recording: Recording): Recording {
  const seen = new Set<string>();
  const records = recording.records.filter((record) => {
    const key = record.bytes.toString("latin1");
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
  return { ...recording, records };
}
