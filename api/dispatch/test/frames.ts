import WebSocket from "ws";

// Opens a WebSocket as `token` and collects every frame of `type`, in the
// order they arrive, into the returned array.
export async function collectFrames<T>(wsUrl: string, token: string, type: string): Promise<{ socket: WebSocket; frames: T[] }> {
  const socket = new WebSocket(`${wsUrl}?token=${token}`);
  const frames: T[] = [];
  socket.on("message", (data) => {
    const message = JSON.parse(String(data));
    if (message.type === type) {
      frames.push(message);
    }
  });

  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return { socket, frames };
}
