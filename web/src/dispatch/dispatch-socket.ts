import type { AlertFrameMessage, MissionFrameMessage } from "./types.js";

export interface DispatchFrameHandlers {
  alert: (message: AlertFrameMessage) => void;
  mission: (message: MissionFrameMessage) => void;
  // Called on every connection after the first, so that the panel reads
  // again what changed while the socket was down.
  reconnect: () => void;
}

// Listens for alert and mission frames on its own WebSocket, for a panel
// that runs without the console's live feed (the harness page). Its
// subscription requests a box with no aircraft in it, because the panel
// draws no tracks and these frames go to every client regardless.
export function listenForDispatchFrames(url: string, handlers: DispatchFrameHandlers): () => void {
  let socket: WebSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let failures = 0;
  let connections = 0;

  const connect = () => {
    socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      failures = 0;
      connections++;
      socket?.send(JSON.stringify({ type: "subscribe", bbox: [0, 0, 0.0001, 0.0001], fleetOnly: true }));
      if (connections > 1) {
        handlers.reconnect();
      }
    });
    socket.addEventListener("message", (event) => {
      const message = typeof event.data === "string" ? (JSON.parse(event.data) as { type?: string }) : null;
      if (message?.type === "alert") {
        handlers.alert(message as AlertFrameMessage);
      }
      if (message?.type === "mission") {
        handlers.mission(message as MissionFrameMessage);
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
