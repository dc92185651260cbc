import net from "node:net";
import type { Logger } from "../../api/logger.js";
import { backoffDelayMs, type BackoffOptions } from "../sources/backoff.js";

/**
 * A TCP connection that pushes text lines to a listener, as a receiver's
 * `--net-connector` does, and reconnects with capped backoff when the
 * listener is down. Lines written while disconnected are dropped and
 * counted, like a live receiver's output.
 */
export class TcpPusher {
  sentLines = 0;
  droppedLines = 0;
  connected = false;

  private socket: net.Socket | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failedAttempts = 0;
  private stopped = false;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly logger: Logger,
    private readonly backoff: BackoffOptions = { initialMs: 500, maxMs: 10_000 },
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Writes the lines in one write, or drops them while disconnected. */
  writeLines(lines: string[]): void {
    if (lines.length === 0) {
      return;
    }
    if (!this.connected || this.socket === null) {
      this.droppedLines += lines.length;
      return;
    }
    this.socket.write(lines.join("\n") + "\n");
    this.sentLines += lines.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
    }

    const socket = this.socket;
    this.socket = null;
    if (socket !== null && !socket.destroyed) {
      await new Promise<void>((resolve) => socket.end(resolve));
    }
    this.connected = false;
  }

  private connect(): void {
    const socket = net.createConnection({ host: this.host, port: this.port });
    this.socket = socket;
    socket.on("connect", () => {
      this.connected = true;
      this.failedAttempts = 0;
      this.logger.info({ host: this.host, port: this.port }, "simulator output connected");
    });
    socket.on("error", (error) => {
      this.logger.warn({ err: error, host: this.host, port: this.port }, "simulator output connection failed");
    });
    socket.on("close", () => {
      this.connected = false;
      if (this.stopped || this.socket !== socket) {
        return;
      }
      const delayMs = backoffDelayMs(this.failedAttempts++, this.backoff);
      this.logger.info({ host: this.host, port: this.port, delayMs: Math.round(delayMs) }, "simulator output retrying");
      this.retryTimer = setTimeout(() => this.connect(), delayMs);
    });
  }
}
