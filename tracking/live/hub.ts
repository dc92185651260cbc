import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";

import { WebSocketServer, type WebSocket } from "ws";
import { z } from "zod";

import type { Principal } from "../../api/auth/tokens.js";
import type { Logger } from "../../api/logger.js";
import { matches, Subscription, subscriptionKey, type Bbox, type SubscriptionDelta, type SubscriptionFilter } from "./subscription.js";
import type { TrackFrame } from "./track-frame.js";

export interface HubOptions {
  path: string;
  pingIntervalMs: number;
  // A client whose socket buffers more unsent bytes than this is skipped until
  // it drains. It then gets the latest state of each aircraft, not a backlog.
  maxBufferedBytes: number;
}

export const defaultHubOptions: HubOptions = { path: "/ws", pingIntervalMs: 15_000, maxBufferedBytes: 1_000_000 };

const subscribeMessage = z
  .object({
    type: z.literal("subscribe"),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().optional(),
    fleetOnly: z.boolean().optional(),
  })
  .strict();

interface Client {
  socket: WebSocket;
  principal: Principal;
  subscription: Subscription;
  alive: boolean;
  // Latest frame per aircraft not yet sent, and removals not yet sent.
  pending: Map<string, TrackFrame>;
  pendingRemoved: Set<string>;
  // Aircraft in `pending` that entered the subscription after the last
  // frame this client got, so it has never drawn them.
  pendingEntered: Set<string>;
}

type Authenticate = (token: string) => Promise<Principal | null>;

// The live picture over WebSocket: a snapshot on connect, then deltas. Each
// client may subscribe to a bbox and to fleet aircraft only. publish() only
// queues socket writes and awaits no client, so a slow client cannot hold up
// ingestion; it keeps only the newest frame per aircraft (see hub.test.ts).
export class LiveHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Set<Client>();
  // Distinct subscriptions by subscriptionKey, each with its clients' count.
  private readonly subscriptions = new Map<string, Subscription>();
  private pingTimer: NodeJS.Timeout | null = null;
  private drainTimer: NodeJS.Timeout | null = null;
  framesSent = 0;
  framesCoalesced = 0;

  constructor(
    private readonly snapshot: () => TrackFrame[],
    private readonly authenticate: Authenticate,
    private readonly logger: Logger,
    private readonly options: HubOptions = defaultHubOptions,
  ) {}

  get clientCount(): number {
    return this.clients.size;
  }

  attach(server: Server): void {
    server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (url.pathname !== this.options.path) {
        return;
      }
      void this.upgrade(request, socket, head, url);
    });
    this.pingTimer = setInterval(() => this.pingAll(), this.options.pingIntervalMs);
    this.drainTimer = setInterval(() => this.flushPending(), 100);
  }

  // Sends changed aircraft to every client that subscribed to them, and a
  // removal only to clients that were sent the aircraft before. Each
  // subscription builds its delta once and the clients that are keeping up
  // share its serialised frame, so the cost of a publish grows with the
  // number of distinct subscriptions, not of clients.
  publish(updated: TrackFrame[], removed: string[]): void {
    if (this.clients.size === 0) {
      return;
    }
    const deltas = new Map<Subscription, SubscriptionDelta>();
    for (const subscription of this.subscriptions.values()) {
      deltas.set(subscription, subscription.delta(updated, removed));
    }

    for (const client of this.clients) {
      const delta = deltas.get(client.subscription)!;
      if (!this.isKeepingUp(client)) {
        this.coalesce(client, delta);
        this.send(client);
      } else if (delta.text) {
        client.socket.send(delta.text);
        this.framesSent += delta.aircraft.length;
      }
    }
  }

  private isKeepingUp(client: Client): boolean {
    return (
      client.pending.size === 0 &&
      client.pendingRemoved.size === 0 &&
      client.socket.readyState === client.socket.OPEN &&
      client.socket.bufferedAmount <= this.options.maxBufferedBytes
    );
  }

  // Keeps only the newest frame per aircraft for a client that is behind.
  // An aircraft that entered and left while the client was behind is
  // dropped without a removal, since the client never drew it.
  private coalesce(client: Client, delta: SubscriptionDelta): void {
    for (const frame of delta.aircraft) {
      const icaoAddress = frame.icaoAddress;
      if (client.pending.has(icaoAddress)) {
        this.framesCoalesced++;
      }
      client.pending.set(icaoAddress, frame);
      // A pending removal means the client drew it before it left, so the
      // update replaces the removal.
      if (delta.entered.has(icaoAddress) && !client.pendingRemoved.delete(icaoAddress)) {
        client.pendingEntered.add(icaoAddress);
      }
    }

    for (const icaoAddress of delta.removed) {
      client.pending.delete(icaoAddress);
      if (!client.pendingEntered.delete(icaoAddress)) {
        client.pendingRemoved.add(icaoAddress);
      }
    }
  }

  // Sends a message (an alert, say) to every client, whatever its subscription.
  broadcast(message: unknown): void {
    this.broadcastTo(message, () => true);
  }

  // Sends a message to the clients whose principal (the token they connected
  // with) passes `audience`, whatever their subscription.
  broadcastTo(message: unknown, audience: (principal: Principal) => boolean): void {
    const text = JSON.stringify(message);
    for (const client of this.clients) {
      if (audience(client.principal)) {
        client.socket.send(text);
      }
    }
  }

  close(): void {
    if (this.pingTimer) {
      clearInterval(this.pingTimer);
    }
    if (this.drainTimer) {
      clearInterval(this.drainTimer);
    }
    for (const client of this.clients) {
      client.socket.close(1001, "server stopping");
    }
    this.wss.close();
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    // Browsers cannot set headers on a WebSocket, so the token comes as a query parameter.
    const token = url.searchParams.get("token") ?? /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const principal = token ? await this.authenticate(token).catch(() => null) : null;
    if (!principal) {
      socket.write("HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\ninvalid or missing token\n");
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.onConnect(ws, principal));
  }

  private onConnect(socket: WebSocket, principal: Principal): void {
    const client: Client = {
      socket,
      principal,
      subscription: this.join({ bbox: null, fleetOnly: false }),
      alive: true,
      pending: new Map(),
      pendingRemoved: new Set(),
      pendingEntered: new Set(),
    };
    this.clients.add(client);
    this.logger.info({ clients: this.clients.size, token: principal.name }, "ws client connected");

    socket.on("pong", () => {
      client.alive = true;
    });
    socket.on("message", (data) => this.onMessage(client, data.toString()));
    socket.on("close", () => {
      this.clients.delete(client);
      this.leave(client.subscription);
      this.logger.info({ clients: this.clients.size }, "ws client disconnected");
    });
    socket.on("error", (error) => this.logger.warn({ err: error }, "ws client error"));

    this.sendSnapshot(client);
  }

  private onMessage(client: Client, text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      client.socket.send(JSON.stringify({ type: "error", code: "invalid_json" }));
      return;
    }
    const result = subscribeMessage.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      client.socket.send(JSON.stringify({ type: "error", code: "invalid_message", field: issue?.path.join(".") ?? "", message: issue?.message }));
      return;
    }
    const filter: SubscriptionFilter = { bbox: (result.data.bbox as Bbox | null | undefined) ?? null, fleetOnly: result.data.fleetOnly ?? false };
    this.leave(client.subscription);
    client.subscription = this.join(filter);
    client.pending.clear();
    client.pendingRemoved.clear();
    client.pendingEntered.clear();
    this.sendSnapshot(client);
  }

  // Returns the subscription for a filter, created for its first client.
  private join(filter: SubscriptionFilter): Subscription {
    const key = subscriptionKey(filter);
    let subscription = this.subscriptions.get(key);
    if (!subscription) {
      subscription = new Subscription(filter);
      this.subscriptions.set(key, subscription);
    }
    subscription.clientCount++;
    return subscription;
  }

  private leave(subscription: Subscription): void {
    subscription.clientCount--;
    if (subscription.clientCount === 0) {
      this.subscriptions.delete(subscription.key);
    }
  }

  // The snapshot's aircraft join the subscription's visible set, so that
  // this client gets their removal too.
  private sendSnapshot(client: Client): void {
    const aircraft = this.snapshot().filter((frame) => matches(client.subscription.filter, frame));
    client.subscription.addVisible(aircraft);
    client.socket.send(JSON.stringify({ type: "snapshot", time: new Date().toISOString(), aircraft }));
    this.framesSent += aircraft.length;
  }

  private send(client: Client): void {
    if (client.pending.size === 0 && client.pendingRemoved.size === 0) {
      return;
    }
    if (client.socket.readyState !== client.socket.OPEN || client.socket.bufferedAmount > this.options.maxBufferedBytes) {
      return;
    }
    const aircraft = [...client.pending.values()];
    const removed = [...client.pendingRemoved];
    client.pending.clear();
    client.pendingRemoved.clear();
    client.pendingEntered.clear();
    client.socket.send(JSON.stringify({ type: "delta", time: new Date().toISOString(), aircraft, removed }));
    this.framesSent += aircraft.length;
  }

  private flushPending(): void {
    for (const client of this.clients) {
      this.send(client);
    }
  }

  private pingAll(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        this.logger.warn({ token: client.principal.name }, "ws client missed a pong, closing");
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }
}
