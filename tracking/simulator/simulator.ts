import type { Logger } from "../../api/logger.js";
import { stateAt, type SimulatedAircraft } from "./flight.js";
import { messagesForTick } from "./messages.js";
import { TcpPusher } from "./tcp-pusher.js";

/**
 * Flies a fleet and sends its ADS-B traffic as real wire messages (AVR
 * frames and SBS lines) to TCP listeners, `rateHz` times a second.
 */

export type SimulatorFormat = "avr" | "sbs";

export interface SimulatorOutput {
  format: SimulatorFormat;
  host: string;
  port: number;
}

export interface FleetSimulatorOptions {
  aircraft: SimulatedAircraft[];
  outputs: SimulatorOutput[];
  /** Position and velocity messages per aircraft per second; ADS-B transponders send about 2 of each. */
  rateHz?: number;
  /** Seconds between identification messages; ADS-B sends one about every 5 s. */
  identificationIntervalS?: number;
  logger: Logger;
}

const DEFAULT_RATE_HZ = 2;
const DEFAULT_IDENTIFICATION_INTERVAL_S = 5;

export class FleetSimulator {
  ticks = 0;

  private readonly pushers: Array<{ format: SimulatorFormat; pusher: TcpPusher }>;
  private readonly rateHz: number;
  private readonly identificationEveryTicks: number;
  private timer: NodeJS.Timeout | null = null;
  private startMs = 0;

  constructor(private readonly options: FleetSimulatorOptions) {
    this.rateHz = options.rateHz ?? DEFAULT_RATE_HZ;
    if (!(this.rateHz > 0 && this.rateHz <= 100)) {
      throw new Error(`rateHz: expected a number above 0 and at most 100, got ${this.rateHz}`);
    }
    this.identificationEveryTicks = Math.max(1, Math.round((options.identificationIntervalS ?? DEFAULT_IDENTIFICATION_INTERVAL_S) * this.rateHz));
    this.pushers = options.outputs.map((output) => ({
      format: output.format,
      pusher: new TcpPusher(output.host, output.port, options.logger.child({ output: output.format })),
    }));
  }

  /** Per-output counts of lines sent and dropped while disconnected. */
  get outputStats(): Array<{ format: SimulatorFormat; host: string; port: number; connected: boolean; sentLines: number; droppedLines: number }> {
    return this.pushers.map(({ format, pusher }) => ({
      format,
      host: pusher.host,
      port: pusher.port,
      connected: pusher.connected,
      sentLines: pusher.sentLines,
      droppedLines: pusher.droppedLines,
    }));
  }

  start(): void {
    this.startMs = Date.now();
    for (const { pusher } of this.pushers) {
      pusher.start();
    }
    this.timer = setInterval(() => this.tick(Date.now()), 1000 / this.rateHz);
    this.options.logger.info({ aircraft: this.options.aircraft.length, rateHz: this.rateHz, outputs: this.options.outputs }, "simulator started");
  }

  async stop(): Promise<void> {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
    await Promise.all(this.pushers.map(({ pusher }) => pusher.stop()));
    this.options.logger.info({ ticks: this.ticks, outputs: this.outputStats }, "simulator stopped");
  }

  /** Sends one round of messages for every aircraft at `nowMs`. */
  tick(nowMs: number): void {
    const lines: Record<SimulatorFormat, string[]> = { avr: [], sbs: [] };
    for (const aircraft of this.options.aircraft) {
      const state = stateAt(aircraft, nowMs - this.startMs);
      const messages = messagesForTick(aircraft, state, nowMs, this.ticks, this.identificationEveryTicks);
      lines.avr.push(...messages.avr);
      lines.sbs.push(...messages.sbs);
    }

    for (const { format, pusher } of this.pushers) {
      pusher.writeLines(lines[format]);
    }
    this.ticks++;
  }
}
