import type { Logger } from "../../api/logger.js";
import type { SimulatedAircraft } from "./flight.js";
import { messagesForTick } from "./messages.js";
import { defaultMissionFlightOptions, type MissionFlightOptions } from "./mission-flight.js";
import type { MissionSource } from "./mission-source.js";
import { Pilot, type SimulatorMission } from "./pilot.js";
import { TcpPusher } from "./tcp-pusher.js";

/**
 * Flies a fleet and sends its ADS-B traffic as real wire messages (AVR
 * frames and SBS lines) to TCP listeners, `rateHz` times a second. With a
 * mission source, it polls the active missions and flies each assigned
 * aircraft to its incident and back (see pilot.ts).
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
  /** Active missions to fly; without it every aircraft only patrols. */
  missions?: MissionSource;
  /** Wall-clock ms between polls of the mission source. */
  missionPollIntervalMs?: number;
  missionFlight?: Partial<MissionFlightOptions>;
  /**
   * Simulated seconds per wall-clock second (default 1). Above 1, for tests,
   * the aircraft move faster than the ground speed they report. The track
   * table rejects a position farther from the previous one than 1.2 times
   * the aircraft's maximum speed covers in the elapsed time (at least 1 s)
   * plus 300 m, so keep each tick's step well under 300 m: at rateHz 20, a
   * 230 km/h helicopter steps 160 m at timeFactor 50.
   */
  timeFactor?: number;
  logger: Logger;
}

const DEFAULT_RATE_HZ = 2;
const DEFAULT_IDENTIFICATION_INTERVAL_S = 5;
const DEFAULT_MISSION_POLL_INTERVAL_MS = 3_000;

export class FleetSimulator {
  ticks = 0;

  private readonly pushers: Array<{ format: SimulatorFormat; pusher: TcpPusher }>;
  private readonly rateHz: number;
  private readonly identificationEveryTicks: number;
  private readonly pilots: Pilot[];
  private readonly timeFactor: number;
  private timer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private poll: Promise<void> = Promise.resolve();
  private pollFailures = 0;
  private startMs = 0;

  constructor(private readonly options: FleetSimulatorOptions) {
    this.rateHz = options.rateHz ?? DEFAULT_RATE_HZ;
    if (!(this.rateHz > 0 && this.rateHz <= 100)) {
      throw new Error(`rateHz: expected a number above 0 and at most 100, got ${this.rateHz}`);
    }
    this.timeFactor = options.timeFactor ?? 1;
    if (!(this.timeFactor > 0 && this.timeFactor <= 1000)) {
      throw new Error(`timeFactor: expected a number above 0 and at most 1000, got ${this.timeFactor}`);
    }
    const flightOptions = { ...defaultMissionFlightOptions, ...options.missionFlight };
    this.pilots = options.aircraft.map((aircraft) => new Pilot(aircraft, flightOptions));
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
    if (this.options.missions !== undefined) {
      this.schedulePoll(0);
    }
    this.options.logger.info(
      { aircraft: this.options.aircraft.length, rateHz: this.rateHz, timeFactor: this.timeFactor, followsMissions: this.options.missions !== undefined, outputs: this.options.outputs },
      "simulator started",
    );
  }

  async stop(): Promise<void> {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
    if (this.pollTimer !== null) {
      clearTimeout(this.pollTimer);
      this.pollTimer = null;
    }
    await this.poll;
    await Promise.all(this.pushers.map(({ pusher }) => pusher.stop()));
    this.options.logger.info({ ticks: this.ticks, outputs: this.outputStats }, "simulator stopped");
  }

  /** Sends one round of messages for every aircraft at `nowMs`. */
  tick(nowMs: number): void {
    const lines: Record<SimulatorFormat, string[]> = { avr: [], sbs: [] };
    const simMs = this.simulatedMsAt(nowMs);
    for (const pilot of this.pilots) {
      const state = pilot.stateAt(simMs);
      const messages = messagesForTick(pilot.aircraft, state, nowMs, this.ticks, this.identificationEveryTicks);
      lines.avr.push(...messages.avr);
      lines.sbs.push(...messages.sbs);
    }

    for (const { format, pusher } of this.pushers) {
      pusher.writeLines(lines[format]);
    }
    this.ticks++;
  }

  /** Fetches the active missions once and hands each pilot its own. */
  async followMissions(nowMs: number): Promise<void> {
    const missions = await this.options.missions!.activeMissions();
    const byIcao = new Map<string, SimulatorMission>(missions.map((mission) => [mission.icaoAddress, mission]));
    const simMs = this.simulatedMsAt(nowMs);

    for (const pilot of this.pilots) {
      const decision = pilot.follow(byIcao.get(pilot.aircraft.icaoAddress) ?? null, simMs);
      if (decision !== null) {
        const { etaMin, distanceKm, ...rest } = decision;
        this.options.logger.info(
          { icaoAddress: pilot.aircraft.icaoAddress, callsign: pilot.aircraft.callsign, ...rest, distanceKm: Math.round(distanceKm * 10) / 10, etaMin: Math.round(etaMin * 10) / 10 },
          "simulated aircraft follows its mission",
        );
      }
    }
  }

  private simulatedMsAt(nowMs: number): number {
    return (nowMs - this.startMs) * this.timeFactor;
  }

  // Polls one at a time: the next poll is scheduled when this one ends.
  private schedulePoll(delayMs: number): void {
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.poll = this.pollOnce().finally(() => {
        if (this.timer !== null) {
          this.schedulePoll(this.options.missionPollIntervalMs ?? DEFAULT_MISSION_POLL_INTERVAL_MS);
        }
      });
    }, delayMs);
  }

  // Logs the first failure of a run of failures and the recovery, not every poll.
  private async pollOnce(): Promise<void> {
    try {
      await this.followMissions(Date.now());
      if (this.pollFailures > 0) {
        this.options.logger.info({ failedPolls: this.pollFailures }, "simulator mission polling recovered");
      }
      this.pollFailures = 0;
    } catch (error) {
      if (this.pollFailures === 0) {
        this.options.logger.warn({ err: error }, "simulator mission polling failed; aircraft keep their current plan and polling retries");
      }
      this.pollFailures++;
    }
  }
}
