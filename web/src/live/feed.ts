import { parseFrame, type LiveFrame } from "./track.js";

export type FeedState = { kind: "connecting" } | { kind: "connected" } | { kind: "retrying"; retryAt: number };

export interface Subscription {
  bbox: [minLon: number, minLat: number, maxLon: number, maxLat: number];
  fleetOnly: boolean;
}

// Reconnect delays: doubling from 1 s up to 30 s, each with up to 20 %
// random jitter so that many consoles do not reconnect in step after a
// server restart.
const firstRetryMs = 1000;
const maxRetryMs = 30_000;

export function retryDelayMs(failures: number, random = Math.random): number {
  const base = Math.min(maxRetryMs, firstRetryMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (1 + 0.2 * random()));
}

// The live traffic WebSocket: connects, sends the current subscription,
// hands every frame on, and reconnects with backoff after any close,
// including an endpoint that does not exist yet (a failed handshake).
export class LiveFeed {
  private socket: WebSocket | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private subscription: Subscription | null = null;
  private stopped = false;
  // Tracks dropped for a missing address or position, and frames that
  // carried no tracks (alerts, errors, unknown types).
  droppedTracks = 0;
  otherFrames = 0;
  private alertListener: ((frame: unknown) => void) | null = null;

  constructor(
    private readonly url: () => string,
    private readonly onFrame: (frame: LiveFrame) => void,
    private readonly onState: (state: FeedState) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
    }
    this.socket?.close(1000);
    this.socket = null;
  }

  // Receives every {type: "alert"} frame as parsed JSON.
  onAlertFrame(listener: (frame: unknown) => void): void {
    this.alertListener = listener;
  }

  subscribe(subscription: Subscription): void {
    this.subscription = subscription;
    this.send();
  }

  private connect(): void {
    this.onState({ kind: "connecting" });
    const socket = new WebSocket(this.url());
    this.socket = socket;

    socket.addEventListener("open", () => {
      this.failures = 0;
      this.onState({ kind: "connected" });
      this.send();
    });
    socket.addEventListener("message", (event) => this.receive(event.data));
    socket.addEventListener("close", () => this.scheduleReconnect(socket));
  }

  private receive(data: unknown): void {
    if (typeof data !== "string") {
      return;
    }
    const parsed = parseFrame(data);
    if (!parsed) {
      this.reportOtherFrame(data);
      return;
    }
    this.droppedTracks += parsed.dropped;
    this.onFrame(parsed.frame);
  }

  // The hub also sends alert frames to every client, which go to the alert
  // listener, and error frames when it rejects our subscription. Errors are
  // logged, and everything else is only counted.
  private reportOtherFrame(data: string): void {
    this.otherFrames += 1;
    try {
      const frame = JSON.parse(data) as { type?: unknown; code?: unknown; field?: unknown };
      if (frame.type === "error") {
        console.warn("live feed: the server rejected a message", frame.code, frame.field);
      }
      if (frame.type === "alert") {
        this.alertListener?.(frame);
      }
    } catch {
      console.warn("live feed: a frame is not valid JSON");
    }
  }

  private send(): void {
    if (this.socket?.readyState !== WebSocket.OPEN || !this.subscription) {
      return;
    }
    this.socket.send(JSON.stringify({ type: "subscribe", bbox: this.subscription.bbox, fleetOnly: this.subscription.fleetOnly }));
  }

  private scheduleReconnect(socket: WebSocket): void {
    if (this.stopped || socket !== this.socket) {
      return;
    }

    this.failures += 1;
    const delayMs = retryDelayMs(this.failures);
    this.onState({ kind: "retrying", retryAt: Date.now() + delayMs });
    this.retryTimer = setTimeout(() => this.connect(), delayMs);
  }
}
