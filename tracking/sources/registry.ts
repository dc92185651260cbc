import { createLogger, type Logger } from "../../api/logger.js";
import { AircraftJsonPoller } from "./aircraft-json-poller.js";
import { FeedConfigError, parseFeedConfig, type FeedConfig } from "./config.js";
import type { FeedSource } from "./feed-source.js";
import { FileSource } from "./file-source.js";
import type { ObservationSink, SourceStats } from "./stats.js";
import { TcpClientSource } from "./tcp-client.js";
import { TcpListenerSource } from "./tcp-listener.js";

/**
 * The running feed sources: starts them from configuration, adds and
 * removes them at run time (the admin API calls `add` and `remove`), and
 * lists their counters.
 */

export interface SourceRegistryOptions {
  sink: ObservationSink;
  logger?: Logger;
  /** Called when a source has started, e.g. to register its stats with the tracking service. */
  onSourceAdded?: (source: FeedSource) => void;
  /** Called when a source has stopped and left the registry. */
  onSourceRemoved?: (source: FeedSource) => void;
}

export type SourceStatsJson = ReturnType<SourceStats["toJSON"]>;

/** Builds the source a validated configuration describes, without starting it. */
export function createSource(config: FeedConfig, sink: ObservationSink, logger?: Logger): FeedSource {
  const common = {
    id: config.id,
    sink,
    logger,
    receiverLonLat: config.receiverLonLat,
    relocate: config.relocate,
    sbsUtcOffsetMin: config.sbsUtcOffsetMin,
  };

  switch (config.transport) {
    case "tcp-client":
      return new TcpClientSource({ ...common, format: tcpFormat(config), host: config.host!, port: config.port! });
    case "tcp-listener":
      return new TcpListenerSource({ ...common, format: tcpFormat(config), host: config.host, port: config.port! });
    case "http-poll":
      return new AircraftJsonPoller({ ...common, url: config.url!, intervalMs: config.intervalMs });
    case "file":
      return new FileSource({ ...common, path: config.path!, format: config.format });
  }
}

/** Narrows the format type; the schema already rejects json over TCP. */
function tcpFormat(config: FeedConfig): "sbs" | "avr" | "beast" {
  if (config.format === "json") {
    throw new FeedConfigError([`format: must be sbs, avr or beast for a TCP transport`], config.id);
  }
  return config.format;
}

export class SourceRegistry {
  private readonly sources = new Map<string, FeedSource>();
  private readonly logger: Logger;

  constructor(private readonly options: SourceRegistryOptions) {
    this.logger = (options.logger ?? createLogger()).child({ component: "source-registry" });
  }

  /**
   * Starts every enabled source of a configuration. A source that fails
   * to start is logged and left out, so one bad port does not stop the
   * others; returns the ids that failed.
   */
  async startAll(configs: readonly FeedConfig[]): Promise<string[]> {
    const failed: string[] = [];
    for (const config of configs) {
      if (!config.enabled) {
        this.logger.info({ sourceId: config.id }, "feed source disabled in configuration, not started");
        continue;
      }
      try {
        await this.add(config);
      } catch (error) {
        failed.push(config.id);
        this.logger.error({ err: error, sourceId: config.id }, "feed source failed to start");
      }
    }
    return failed;
  }

  /**
   * Validates, builds and starts one source. Throws FeedConfigError on an
   * invalid configuration or a duplicate id, and the transport's error
   * when it cannot start (for example a listener port already in use).
   * A file source reads in the background; its errors are logged.
   */
  async add(input: unknown): Promise<FeedSource> {
    const config = parseFeedConfig(input);
    if (this.sources.has(config.id)) {
      throw new FeedConfigError([`id: a source with id "${config.id}" is already running; remove it first`], config.id);
    }

    const source = createSource(config, this.options.sink, this.options.logger);
    this.sources.set(config.id, source);
    if (config.transport === "file") {
      // The file source logs its own failure; the registry keeps it listed with lastError set.
      source.start().catch(() => {});
    } else {
      try {
        await source.start();
      } catch (error) {
        this.sources.delete(config.id);
        throw error;
      }
    }

    this.logger.info({ sourceId: config.id, transport: config.transport, format: config.format }, "feed source added");
    this.options.onSourceAdded?.(source);
    return source;
  }

  /** Stops and removes a source; returns false when no source has that id. */
  async remove(id: string): Promise<boolean> {
    const source = this.sources.get(id);
    if (source === undefined) {
      return false;
    }

    this.sources.delete(id);
    await source.stop();
    this.logger.info({ sourceId: id }, "feed source removed");
    this.options.onSourceRemoved?.(source);
    return true;
  }

  get(id: string): FeedSource | undefined {
    return this.sources.get(id);
  }

  /** Counters of every running source, in the order they were added. */
  list(): SourceStatsJson[] {
    return [...this.sources.values()].map((source) => source.stats.toJSON());
  }

  /** Returns a source's stats by id, so the pipeline can count what the track table rejects. */
  statsOf(id: string): SourceStats | undefined {
    return this.sources.get(id)?.stats;
  }

  async stopAll(): Promise<void> {
    const ids = [...this.sources.keys()];
    await Promise.all(ids.map((id) => this.remove(id)));
  }
}
