// The demo's live traffic: the fleet simulator sends AVR and SBS to two TCP
// listeners, and a real recording is replayed in a loop into a third,
// relocated over Bayannur. All go through the real ingestion path.
import { fileURLToPath } from "node:url";

import type { Logger } from "../api/logger.js";
import type { TrackingService } from "../tracking/service.js";
import { playRecording } from "../tracking/sources/replay/player.js";
import { readRecording } from "../tracking/sources/replay/recording.js";
import { buildDemoFleet, loadDemoData } from "../tracking/simulator/fleet.js";
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

export const defaultDemoPorts: DemoFeedPorts = { simulatorAvr: 30002, simulatorSbs: 30003, recording: 30012 };

async function addListeners(tracking: TrackingService, ports: DemoFeedPorts): Promise<void> {
  await tracking.registry.add({ id: "demo-simulator-avr", format: "avr", transport: "tcp-listener", host: "127.0.0.1", port: ports.simulatorAvr });
  await tracking.registry.add({ id: "demo-simulator-sbs", format: "sbs", transport: "tcp-listener", host: "127.0.0.1", port: ports.simulatorSbs, sbsUtcOffsetMin: 0 });
  await tracking.registry.add({
    id: "demo-recording-ulss7",
    format: "avr",
    transport: "tcp-listener",
    host: "127.0.0.1",
    port: ports.recording,
    relocate: RECORDING_RELOCATION,
  });
}

// Starts the listeners, the simulator and the looped replay; the returned
// function stops the simulator and the replay.
export async function startDemoFeeds(tracking: TrackingService, logger: Logger, ports = defaultDemoPorts): Promise<() => Promise<void>> {
  await addListeners(tracking, ports);

  const dataDirectory = new URL("../data/", import.meta.url);
  const fleet = buildDemoFleet(await loadDemoData(dataDirectory));
  const simulator = new FleetSimulator({
    aircraft: fleet,
    outputs: [
      { format: "avr", host: "127.0.0.1", port: ports.simulatorAvr },
      { format: "sbs", host: "127.0.0.1", port: ports.simulatorSbs },
    ],
    rateHz: 1,
    logger,
  });
  simulator.start();

  const abort = new AbortController();
  const recordingPath = fileURLToPath(new URL("feeds/beastblackbox_ulss7_2018-04-03.avr-mlat.txt", dataDirectory));
  const recording = await readRecording(recordingPath, { format: "avr" });
  const replay = playRecording(recording, { host: "127.0.0.1", port: ports.recording, speed: 1, loop: true, signal: abort.signal, logger }).catch(
    (error: unknown) => logger.error({ err: error }, "demo replay stopped"),
  );
  logger.info({ simulatedAircraft: fleet.length, recordedFrames: recording.records.length }, "demo feeds started");

  return async () => {
    abort.abort();
    await simulator.stop();
    await replay;
  };
}
