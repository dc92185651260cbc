import { storedToken } from "../core/token.js";
import type { AidFrame } from "./types.js";

// The live feed's address, as the console's live layer builds it: /ws beside
// the console with the token as a query parameter.
export function mutualAidSocketUrl(): string {
  const url = new URL("ws", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("token", storedToken() ?? "");
  return url.toString();
}

// Listens for mutual-aid frames on its own WebSocket, since the console's
// live layer passes on only track and alert frames. The hub sends these
// frames to the two cities involved whatever the subscription, so this one
// subscribes to a box with no aircraft in it. onConnected runs on every
// (re)connection, because frames sent while the socket was down are lost.
export function listenForMutualAid(url: () => string, onFrame: (frame: AidFrame) => void, onConnected: () => void): () => void {
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let failures = 0;

  const connect = () => {
    socket = new WebSocket(url());
    socket.addEventListener("open", () => {
      failures = 0;
      socket?.send(JSON.stringify({ type: "subscribe", bbox: [0, 0, 0.0001, 0.0001], fleetOnly: true }));
      onConnected();
    });
    socket.addEventListener("message", (event) => {
      const message = typeof event.data === "string" ? (JSON.parse(event.data) as { type?: string }) : null;
      if (message?.type === "mutual_aid") {
        onFrame(message as AidFrame);
      }
    });
    socket.addEventListener("close", () => {
      if (stopped) {
        return;
      }
      failures++;
      // Doubling from 1 s up to 30 s, as the live layer does.
      retryTimer = setTimeout(connect, Math.min(30_000, 1000 * 2 ** (failures - 1)));
    });
  };
  connect();

  return () => {
    stopped = true;
    if (retryTimer) {
      clearTimeout(retryTimer);
    }
    socket?.close(1000);
  };
}
