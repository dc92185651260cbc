// History replay query: GET /api/v1/tracks/history over one hour of 200
// aircraft at 1 Hz (720k positions), with an hour of 100 other aircraft on
// each side so that the time index must skip rows. Runs through app.request
// on a fresh PostGIS database seeded with the demo data, after VACUUM ANALYZE
// (which summarizes the BRIN index). Prints a Markdown report on stdout.
import { randomBytes } from "node:crypto";

import { sql } from "drizzle-orm";
import pino from "pino";

import { createApp } from "../api/app.js";
import { createToken } from "../api/auth/tokens.js";
import { connectDatabase, type Database } from "../api/db/client.js";
import { runMigrations } from "../api/db/migrate.js";
import { createDatabase, dropDatabase, provisionServer } from "../scripts/postgres.js";
import { seedDemo } from "../scripts/seed.js";
import { percentile } from "./support.js";

const RUNS = 5;
const windowStartMs = Date.parse("2025-06-01T03:00:00Z");
const hourMs = 3_600_000;

// Inserts `aircraft` tracks at 1 Hz for `seconds` from startMs, one INSERT per
// 10 minutes so that each statement stays small. Addresses are
// prefix * 4096 + n in hex, so each call gets its own aircraft.
async function insertTracks(database: Database, startMs: number, seconds: number, aircraft: number, prefix: number): Promise<void> {
  for (let offsetS = 0; offsetS < seconds; offsetS += 600) {
    await database.db.execute(sql`
      INSERT INTO positions (icao_address, time, location, altitude_m, ground_speed_kmh, track_deg, source)
      SELECT upper(lpad(to_hex(${prefix}::int * 4096 + n), 6, '0')), to_timestamp(${startMs / 1000}::float8 + s),
             ST_SetSRID(ST_MakePoint(106 + n * 0.01 + s * 0.0001, 40.2 + n * 0.01), 4326), 1000 + n, 250, 90, 'bench'
      FROM generate_series(${offsetS}::int, ${Math.min(seconds, offsetS + 600) - 1}::int) AS s, generate_series(1, ${aircraft}::int) AS n
      ORDER BY s, n`);
  }
}

interface Measure {
  medianMs: number;
  maxMs: number;
  bytes: number;
  aircraft: number;
  positions: number;
  intervalS: number | null;
}

async function measure(request: () => Response | Promise<Response>): Promise<Measure> {
  await request();
  const timesMs: number[] = [];
  let body = "";
  for (let run = 0; run < RUNS; run += 1) {
    const startMs = performance.now();
    const response = await request();
    body = await response.text();
    timesMs.push(performance.now() - startMs);
    if (response.status !== 200) {
      throw new Error(`HTTP ${response.status}: ${body.slice(0, 300)}`);
    }
  }
  timesMs.sort((first, second) => first - second);

  const json = JSON.parse(body) as { total: number; positionCount: number; thinning: { intervalS: number | null } };
  return { medianMs: percentile(timesMs, 50), maxMs: timesMs.at(-1)!, bytes: Buffer.byteLength(body), aircraft: json.total, positions: json.positionCount, intervalS: json.thinning.intervalS };
}

function row(label: string, result: Measure): string {
  const interval = result.intervalS === null ? "none" : `${result.intervalS} s`;
  return `| ${label} | ${result.medianMs.toFixed(0)} | ${result.maxMs.toFixed(0)} | ${result.aircraft} | ${result.positions} | ${interval} | ${(result.bytes / 1e6).toFixed(1)} |`;
}

async function main(): Promise<void> {
  const serverUrl = provisionServer();
  const name = `air_rescue_bench_${randomBytes(4).toString("hex")}`;
  const url = await createDatabase(serverUrl, name);
  const database = connectDatabase(url);

  try {
    await runMigrations(url);
    await seedDemo(database);
    await insertTracks(database, windowStartMs - hourMs, 3600, 100, 1);
    await insertTracks(database, windowStartMs, 3600, 200, 2);
    await insertTracks(database, windowStartMs + hourMs, 3600, 100, 3);
    await database.sql.unsafe("VACUUM ANALYZE positions");

    const { app } = createApp({ database, logger: pino({ level: "silent" }), config: { adminToken: "bench-admin-token" } });
    const { token } = await createToken(database.db, { name: "bench dispatcher", role: "dispatcher", city: "bayannur" });
    const history = (fromMs: number, toMs: number) => () =>
      app.request(`/api/v1/tracks/history?from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`, { headers: { authorization: `Bearer ${token}` } });

    const hour = await measure(history(windowStartMs, windowStartMs + hourMs));
    const fiveMinutes = await measure(history(windowStartMs + 10 * 60_000, windowStartMs + 15 * 60_000));
    const plan = await database.sql.unsafe(
      `EXPLAIN SELECT icao_address, count(*) FROM positions WHERE time >= '${new Date(windowStartMs).toISOString()}' AND time < '${new Date(windowStartMs + hourMs).toISOString()}' GROUP BY icao_address`,
    );
    const [counted] = await database.sql<{ count: string }[]>`SELECT count(*) FROM positions`;

    console.log("| window | median ms | max ms | aircraft | positions returned | thinning interval | JSON MB |");
    console.log("| --- | --- | --- | --- | --- | --- | --- |");
    console.log(row("1 h, 200 aircraft at 1 Hz (720k stored)", hour));
    console.log(row("5 min of the same (60k stored)", fiveMinutes));
    console.log("");
    console.log(`positions table: ${counted!.count} rows. ${RUNS} runs after one warm-up, in memory through app.request (token check, two queries, JSON encoding).`);
    console.log("");
    console.log("Plan of the per-aircraft summary over the hour:");
    console.log("");
    console.log("```");
    for (const line of plan) {
      console.log((line as Record<string, string>)["QUERY PLAN"]);
    }
    console.log("```");
  } finally {
    await database.close();
    await dropDatabase(serverUrl, name);
  }
}

await main();
