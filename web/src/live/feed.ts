import { parseFrame, type LiveFrame } from "./track.js";

export type FeedState = { kind: "connecting" } | { kind: "connected" } | { kind: "retrying"; retryAt: number };

// A frame that the hub sends besides the track snapshot and deltas, such as
// {type: "alert"} or {type: "mutual_aid"}. The feed checks only that it is
// a JSON object with a string `type`, so each listener names the shape it expects.
export interface TypedMessage {
  type: string;
}

// The part of the live feed that panels use: the frames of one type, and a
// call on every connection. Frames sent while the socket was down are lost,
// so a panel reads its state again when that call comes.
export interface LiveMessages {
  onMessage<M extends TypedMessage>(type: M["type"], handler: (message: M) => void): () => void;
  onConnect(handler: () => void): () => void;
}

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

// The live traffic WebSocket, the console's only connection to /ws. It
// connects, sends the current subscription, and hands track frames to
// onFrame and every other typed frame to the handlers of its type. After any
// close it reconnects with backoff, also when the endpoint does not exist
// yet (a failed handshake).
export class LiveFeed implements LiveMessages {
  private socket: WebSocket | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private subscription: Subscription | null = null;
  private stopped = false;
  // Tracks dropped for a missing address or position, and frames that
  // carried no tracks (alerts, mutual aid, errors, unknown types).
  droppedTracks = 0;
  otherFrames = 0;
  private readonly messageHandlers = new Map<string, Set<(message: TypedMessage) => void>>();
  private readonly connectHandlers = new Set<() => void>();

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

  // Calls handler with every frame whose `type` is `type`, parsed but not
  // validated. Track snapshots and deltas go to onFrame only. Returns a
  // function that removes the handler.
  onMessage<M extends TypedMessage>(type: M["type"], handler: (message: M) => void): () => void {
    const handlers = this.messageHandlers.get(type) ?? new Set();
    this.messageHandlers.set(type, handlers);
    const untyped = handler as (message: TypedMessage) => void;
    handlers.add(untyped);
    return () => handlers.delete(untyped);
  }

  // Calls handler each time a connection opens after this call: on the
  // first connection if the feed is not connected yet, on every
  // reconnection, and when the feed starts again after stop(). Returns a
  // function that removes the handler.
  onConnect(handler: () => void): () => void {
    this.connectHandlers.add(handler);
    return () => this.connectHandlers.delete(handler);
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
      for (const handler of this.connectHandlers) {
        this.callHandler("connect", () => handler());
      }
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

  // Besides tracks the hub sends alert frames to every client, mutual_aid
  // frames to the two cities of a request, and error frames when it rejects
  // our subscription. Each goes to the handlers of its type. Errors are
  // also logged, and frames of a type without handlers are only counted.
  private reportOtherFrame(data: string): void {
    this.otherFrames += 1;
    let frame: { type?: unknown; code?: unknown; field?: unknown } | null;
    try {
      frame = JSON.parse(data) as typeof frame;
    } catch {
      console.warn("live feed: a frame is not valid JSON");
      return;
    }
    if (typeof frame !== "object" || frame === null || typeof frame.type !== "string") {
      return;
    }

    if (frame.type === "error") {
      console.warn("live feed: the server rejected a message", frame.code, frame.field);
    }
    for (const handler of this.messageHandlers.get(frame.type) ?? []) {
      this.callHandler(frame.type, () => handler(frame as TypedMessage));
    }
  }

  // One panel's failing handler must not keep the frame from the others.
  private callHandler(event: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      console.error(`live feed: a ${event} handler failed`, error);
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
