// Times computeResponseTimeGrid over Bayannur for the synthetic 20-aircraft
// fleet. Run: npx tsx api/coverage/model/grid-benchmark.ts [cellSizeM]
import os from "node:os";

import { computeResponseTimeGrid } from "./grid.js";
import { BAYANNUR_BBOX, testBases, testFleet } from "./test-fleet.js";

const cellSizeM = Number(process.argv[2] ?? 1000);
const warmupRuns = 3;
const timedRuns = 10;

const scenarios = [
  { name: "day, no wind", options: {} },
  { name: "day, wind 300/60 km/h", options: { wind: { fromDeg: 300, speedKmh: 60 } } },
  { name: "night", options: { night: true } },
];

console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? "unknown CPU"}`);

for (const scenario of scenarios) {
  const options = { cellSizeM, ...scenario.options };
  for (let run = 0; run < warmupRuns; run += 1) {
    computeResponseTimeGrid(BAYANNUR_BBOX, testFleet, testBases, options);
  }

  const timesMs: number[] = [];
  let cells = 0;
  for (let run = 0; run < timedRuns; run += 1) {
    const startMs = performance.now();
    const grid = computeResponseTimeGrid(BAYANNUR_BBOX, testFleet, testBases, options);
    timesMs.push(performance.now() - startMs);
    cells = grid.etaMin.length;
  }

  timesMs.sort((first, second) => first - second);
  const medianMs = timesMs[Math.floor(timesMs.length / 2)]!;
  const maxMs = timesMs[timesMs.length - 1]!;
  const cellsPerSecond = Math.round(cells / (medianMs / 1000));
  console.log(
    `${scenario.name}: ${cells} cells x ${testFleet.length} aircraft, median ${medianMs.toFixed(1)} ms, ` +
      `max ${maxMs.toFixed(1)} ms, ${cellsPerSecond} cells/s`,
  );
}
