import net from "node:net";
import type { Logger } from "../../api/logger.js";
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from "./backoff.js";
import { createStreamDecoder, type FeedContext, type StreamDecoder, type StreamFormat } from "./feed-decoder.js";
import { createFeedContext, sourceLogger, type CommonSourceOptions, type FeedSource } from "./feed-source.js";
import type { SourceStats } from "./stats.js";

/**
 * Connects to a receiver's output port (dump1090/readsb: 30003 SBS,
 * 30002 AVR, 30005 Beast) as a TCP client, and reconnects with capped
 * exponential backoff and jitter whenever the connection fails, closes
 * or goes quiet.
 */

export interface TcpClientSourceOptions extends CommonSourceOptions {
  format: StreamFormat;
  host: string;
  port: number;
  backoff?: BackoffOptions;
  connectTimeoutMs?: number;
  /**
   * Reconnect when nothing arrives for this long. dump1090 sends
   * heartbeats on its raw and Beast ports when idle, so silence means a
   * dead connection; SBS has no heartbeat, so keep this above the
   * quietest expected traffic.
   */
  idleTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

export class TcpClientSource implements FeedSource {
  readonly id: string;
  readonly stats: SourceStats;
  /** Consecutive failed attempts since the last successful connection. */
  failedAttempts = 0;
  /** Delay in ms chosen for the latest retry, null before any retry. */
  lastRetryDelayMs: number | null = null;

  private readonly context: FeedContext;
  private readonly logger: Logger;
  private socket: net.Socket | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(private readonly options: TcpClientSourceOptions) {
    this.id = options.id;
    this.context = createFeedContext(options, options.format, "tcp-client");
    this.stats = this.context.stats;
    this.logger = sourceLogger(options);
  }

  async start(): Promise<void> {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    this.logger.info({ host: this.options.host, port: this.options.port, format: this.options.format }, "tcp client source starting");
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }

    const socket = this.socket;
    this.socket = null;
    if (socket !== null && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once("close", () => resolve());
        socket.destroy();
      });
    }
    this.stats.connected = false;
    this.logger.info("tcp client source stopped");
  }

  private connect(): void {
    const { host, port } = this.options;
    const socket = net.createConnection({ host, port });
    const decoder = createStreamDecoder(this.options.format, this.context);
    this.socket = socket;

    socket.setTimeout(this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    socket.on("connect", () => this.onConnect(socket));
    socket.on("data", (chunk: Buffer) => decoder.push(chunk, Date.now()));
    socket.on("timeout", () => socket.destroy(new Error(socket.connecting ? "connect timed out" : "no data received within the idle timeout")));
    socket.on("error", (error) => this.onError(error));
    socket.on("close", () => this.onClose(socket, decoder));
  }

  private onConnect(socket: net.Socket): void {
    socket.setTimeout(this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
    this.failedAttempts = 0;
    this.stats.connected = true;
    this.stats.lastError = null;
    this.logger.info({ host: this.options.host, port: this.options.port }, "tcp client source connected");
  }

  private onError(error: Error): void {
    this.stats.lastError = error.message;
    this.logger.warn({ err: error, host: this.options.host, port: this.options.port }, "tcp client source connection failed");
  }

  private onClose(socket: net.Socket, decoder: StreamDecoder): void {
    decoder.end(Date.now());
    const wasConnected = this.stats.connected;
    this.stats.connected = false;
    if (this.socket !== socket || this.stopped) {
      return;
    }

    this.socket = null;
    if (wasConnected) {
      this.logger.info("tcp client source disconnected");
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delayMs = backoffDelayMs(this.failedAttempts, this.options.backoff ?? DEFAULT_BACKOFF);
    this.failedAttempts++;
    this.lastRetryDelayMs = delayMs;
    this.logger.info({ delayMs: Math.round(delayMs), attempt: this.failedAttempts }, "tcp client source retrying");

    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) {
        return;
      }
      this.stats.reconnects++;
      this.connect();
    }, delayMs);
  }
}
