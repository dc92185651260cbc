import net from "node:net";
import type { Logger } from "../../api/logger.js";
import { createStreamDecoder, type FeedContext, type StreamFormat } from "./feed-decoder.js";
import { createFeedContext, sourceLogger, type CommonSourceOptions, type FeedSource } from "./feed-source.js";
import type { SourceStats } from "./stats.js";

/**
 * Listens for receivers that push their output (SBS, AVR or Beast) to
 * us, as dump1090's `--net-connector` and readsb's `--net-connector`
 * do, and as the replay and simulator scripts do. Each connection has
 * its own line or record state; decoding state is shared by the source.
 */

export interface TcpListenerSourceOptions extends CommonSourceOptions {
  format: StreamFormat;
  /** Defaults to 127.0.0.1, so nothing outside the machine can push until configured. */
  host?: string;
  /** 0 picks a free port; read it back with `address()`. */
  port: number;
  maxConnections?: number;
}

const DEFAULT_MAX_CONNECTIONS = 32;

export class TcpListenerSource implements FeedSource {
  readonly id: string;
  readonly stats: SourceStats;

  private readonly context: FeedContext;
  private readonly logger: Logger;
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;

  constructor(private readonly options: TcpListenerSourceOptions) {
    this.id = options.id;
    this.context = createFeedContext(options, options.format, "tcp-listener");
    this.stats = this.context.stats;
    this.logger = sourceLogger(options);
  }

  /** Number of receivers connected now. */
  get connectionCount(): number {
    return this.sockets.size;
  }

  async start(): Promise<void> {
    if (this.server !== null) {
      return;
    }

    const server = net.createServer((socket) => this.onConnection(socket));
    server.maxConnections = this.options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    server.on("error", (error) => {
      this.stats.lastError = error.message;
      this.logger.error({ err: error }, "tcp listener source failed");
    });

    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.info({ ...this.address(), format: this.options.format }, "tcp listener source listening");
  }

  /** Host and port the listener is bound to; throws before `start()`. */
  address(): { host: string; port: number } {
    const address = this.server?.address();
    if (address === null || address === undefined || typeof address === "string") {
      throw new Error(`source ${this.id}: not listening; call start() first`);
    }
    return { host: address.address, port: address.port };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) {
      return;
    }

    this.server = null;
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.stats.connected = false;
    this.logger.info("tcp listener source stopped");
  }

  private onConnection(socket: net.Socket): void {
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    const decoder = createStreamDecoder(this.options.format, this.context);
    this.sockets.add(socket);
    this.stats.connected = true;
    this.logger.info({ remote }, "receiver connected");

    socket.on("data", (chunk: Buffer) => decoder.push(chunk, Date.now()));
    socket.on("error", (error) => {
      this.stats.lastError = error.message;
      this.logger.warn({ err: error, remote }, "receiver connection failed");
    });
    socket.on("close", () => {
      decoder.end(Date.now());
      this.sockets.delete(socket);
      this.stats.connected = this.sockets.size > 0;
      this.logger.info({ remote }, "receiver disconnected");
    });
  }
}
