import type { Logger } from "../../api/logger.js";
import { AircraftJsonIngester } from "./aircraft-json-ingest.js";
import { createFeedContext, sourceLogger, type CommonSourceOptions, type FeedSource } from "./feed-source.js";
import type { SourceStats } from "./stats.js";

/**
 * Polls a dump1090-fa or readsb `aircraft.json` URL (for example
 * `http://receiver:8080/data/aircraft.json`) at a fixed interval. The
 * next poll starts `intervalMs` after the previous one ended, so a slow
 * receiver never has two requests in flight from us.
 */

export interface AircraftJsonPollerOptions extends CommonSourceOptions {
  url: string;
  /** dump1090 and readsb rewrite the file about once a second. */
  intervalMs?: number;
  timeoutMs?: number;
  maxPositionAgeMs?: number;
}

const DEFAULT_INTERVAL_MS = 1000;
const DEFAULT_TIMEOUT_MS = 5000;

export class AircraftJsonPoller implements FeedSource {
  readonly id: string;
  readonly stats: SourceStats;
  pollCount = 0;
  failedPolls = 0;

  private readonly ingester: AircraftJsonIngester;
  private readonly logger: Logger;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private stopped = true;

  constructor(private readonly options: AircraftJsonPollerOptions) {
    this.id = options.id;
    const context = createFeedContext(options, "json", "http-poll");
    this.stats = context.stats;
    this.logger = sourceLogger(options);
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.ingester = new AircraftJsonIngester({
      stats: this.stats,
      sink: options.sink,
      relocate: options.relocate ?? null,
      maxPositionAgeMs: options.maxPositionAgeMs,
    });
  }

  async start(): Promise<void> {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    this.logger.info({ url: this.options.url, intervalMs: this.intervalMs }, "aircraft.json poller starting");
    this.runPoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.abort?.abort();
    await this.inFlight;
    this.stats.connected = false;
    this.logger.info("aircraft.json poller stopped");
  }

  /** Runs one poll now; resolves when it has been ingested or has failed. */
  async pollOnce(): Promise<void> {
    this.pollCount++;
    this.abort = new AbortController();
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]);

    try {
      const response = await fetch(this.options.url, { signal, headers: { accept: "application/json" } });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`aircraft.json request failed with HTTP ${response.status}`);
      }
      const text = await response.text();
      if (!this.ingester.ingestSnapshot(text, Date.now())) {
        throw new Error("aircraft.json response is not a valid snapshot");
      }
      this.onSuccess();
    } catch (error) {
      // An abort by stop() is no failure of the receiver.
      if (!this.abort.signal.aborted) {
        this.onFailure(error as Error, timeoutMs);
      }
    } finally {
      this.abort = null;
    }
  }

  private runPoll(): void {
    this.inFlight = this.pollOnce().finally(() => {
      this.inFlight = null;
      if (!this.stopped) {
        this.timer = setTimeout(() => this.runPoll(), this.intervalMs);
      }
    });
  }

  private onSuccess(): void {
    if (!this.stats.connected) {
      this.logger.info({ url: this.options.url }, "aircraft.json poller receiving");
    }
    this.stats.connected = true;
    this.stats.lastError = null;
  }

  /** Logs the first failure and each change of error, not every failed poll of a long outage. */
  private onFailure(error: Error, timeoutMs: number): void {
    const message = error.name === "TimeoutError" ? `aircraft.json request timed out after ${timeoutMs} ms` : error.message;
    this.failedPolls++;
    if (message !== this.stats.lastError) {
      this.logger.warn({ err: error, url: this.options.url, failedPolls: this.failedPolls }, message);
    }
    this.stats.connected = false;
    this.stats.lastError = message;
  }
}
