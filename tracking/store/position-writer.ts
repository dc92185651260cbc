import type postgres from "postgres";

import type { Logger } from "../../api/logger.js";

export interface PositionRow {
  icaoAddress: string;
  timeMs: number;
  lonLat: [number, number];
  altitudeM: number | null;
  groundSpeedKmh: number | null;
  trackDeg: number | null;
  verticalRateMps: number | null;
  squawk: string | null;
  onGround: boolean | null;
  sourceId: string;
}

export interface PositionWriterOptions {
  // Positions held in memory while the database is slow or down; beyond it,
  // new positions are counted as overflow and dropped.
  maxBuffered: number;
  batchSize: number;
  flushIntervalMs: number;
  maxRetryDelayMs: number;
}

export const defaultWriterOptions: PositionWriterOptions = {
  maxBuffered: 500_000,
  batchSize: 10_000,
  flushIntervalMs: 250,
  maxRetryDelayMs: 5_000,
};

// Writes positions to PostGIS in batches through a bounded in-memory queue.
// Batches are written in arrival order. A failed batch stays at the head and
// is retried with backoff, so an outage delays positions but loses none
// unless the queue overflows, which is counted and logged.
export class PositionWriter {
  private queue: PositionRow[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private retryDelayMs = 0;
  private stopped = false;

  written = 0;
  overflowed = 0;
  failedAttempts = 0;
  lastError: string | null = null;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly logger: Logger,
    private readonly options: PositionWriterOptions = defaultWriterOptions,
  ) {}

  get pending(): number {
    return this.queue.length - this.head;
  }

  start(): void {
    this.schedule(this.options.flushIntervalMs);
  }

  enqueue(row: PositionRow): boolean {
    if (this.pending >= this.options.maxBuffered) {
      this.overflowed++;
      if (this.overflowed === 1 || this.overflowed % 10_000 === 0) {
        this.logger.error({ overflowed: this.overflowed, pending: this.pending }, "position buffer full, positions dropped");
      }
      return false;
    }
    this.queue.push(row);
    return true;
  }

  // Writes everything queued, retrying until done or `timeoutMs` passes.
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const deadline = Date.now() + timeoutMs;
    while (this.pending > 0 && Date.now() < deadline) {
      await this.flushOnce();
      if (this.pending > 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.retryDelayMs, 500)));
      }
    }
    if (this.pending > 0) {
      this.logger.error({ pending: this.pending }, "position writer stopped with unwritten positions");
    }
  }

  // Writes one batch from the head of the queue; returns after success or failure.
  async flushOnce(): Promise<void> {
    if (this.writing) {
      return this.writing;
    }
    this.writing = this.writeHead().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  stats() {
    return {
      written: this.written,
      pending: this.pending,
      overflowed: this.overflowed,
      failedAttempts: this.failedAttempts,
      lastError: this.lastError,
    };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      void this.flushOnce().then(() => this.schedule(this.retryDelayMs || this.options.flushIntervalMs));
    }, delayMs);
  }

  private async writeHead(): Promise<void> {
    const end = Math.min(this.queue.length, this.head + this.options.batchSize);
    if (end === this.head) {
      return;
    }
    const batch = this.queue.slice(this.head, end);

    try {
      await this.insertBatch(batch);
    } catch (error) {
      this.failedAttempts++;
      this.lastError = (error as Error).message;
      this.retryDelayMs = Math.min(this.options.maxRetryDelayMs, Math.max(250, this.retryDelayMs * 2));
      this.logger.warn({ err: error, batch: batch.length, pending: this.pending, retryInMs: this.retryDelayMs }, "position batch failed, will retry");
      return;
    }

    if (this.retryDelayMs > 0) {
      this.logger.info({ pending: this.pending }, "position writes recovered");
    }
    this.retryDelayMs = 0;
    this.written += batch.length;
    this.head = end;
    this.compact();
  }

  // Drops written rows from the front of the array once they dominate it.
  private compact(): void {
    if (this.head > 50_000 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  // One INSERT ... SELECT FROM json_to_recordset(...) statement per batch:
  // a single round trip with a single text parameter, and all rows or none.
  // JSON sent as text keeps the statement independent of the driver's array
  // and json serialisers, which drizzle changes on a shared postgres.js client.
  private async insertBatch(batch: PositionRow[]): Promise<void> {
    const records = batch.map((row) => ({
      icao: row.icaoAddress,
      t: new Date(row.timeMs).toISOString(),
      lon: row.lonLat[0],
      lat: row.lonLat[1],
      alt: row.altitudeM,
      gs: row.groundSpeedKmh,
      trk: row.trackDeg,
      vr: row.verticalRateMps,
      sq: row.squawk,
      gnd: row.onGround,
      src: row.sourceId,
    }));

    await this.sql`
      INSERT INTO positions (icao_address, time, location, altitude_m, ground_speed_kmh, track_deg, vertical_rate_mps, squawk, on_ground, source)
      SELECT icao, t, ST_SetSRID(ST_MakePoint(lon, lat), 4326), alt, gs, trk, vr, sq, gnd, src
      FROM json_to_recordset((${JSON.stringify(records)}::text)::json)
        AS u(icao text, t timestamptz, lon float8, lat float8, alt real, gs real, trk real, vr real, sq text, gnd boolean, src text)`;
  }
}
