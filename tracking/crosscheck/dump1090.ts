import { spawn, spawnSync } from "node:child_process";
import net from "node:net";

import { summaryEntry, type DecodeSummary } from "./summary.js";

export const dump1090Binary = "/usr/bin/dump1090-mutability";

export function dump1090Installed(): boolean {
  return spawnSync(dump1090Binary, ["--help"], { stdio: "ignore" }).error === undefined;
}

// Finds `count` distinct free loopback ports by holding them all open at
// once, so that two calls cannot be handed the same port.
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function connectWithRetry(port: number, deadlineMs: number, exited: () => boolean): Promise<net.Socket> {
  while (true) {
    try {
      return await new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
        socket.once("error", reject);
      });
    } catch (error) {
      if (exited()) {
        throw new Dump1090ExitedError(`dump1090 exited before it accepted connections on port ${port}`);
      }
      if (Date.now() > deadlineMs) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

// Parses dump1090's BaseStation output: MSG,1 carries the callsign (field
// 11), MSG,3 the position (latitude field 15, longitude field 16).
function readSbsOutput(text: string): DecodeSummary {
  const summary: DecodeSummary = new Map();
  for (const line of text.split("\n")) {
    const fields = line.trim().split(",");
    if (fields[0] !== "MSG" || !fields[4]) {
      continue;
    }
    const icao = fields[4].toUpperCase();
    if (fields[1] === "1" && fields[10]) {
      summaryEntry(summary, icao).callsigns.add(fields[10].trim());
    }
    if (fields[1] === "3" && fields[14] && fields[15]) {
      summaryEntry(summary, icao).positions.push([Number(fields[15]), Number(fields[14])]);
    }
  }
  return summary;
}

// dump1090 writes its output to non-blocking sockets and drops what does not
// fit, so the input goes in small paced chunks that its output can keep up with.
async function sendPaced(socket: net.Socket, text: string, linesPerChunk = 200): Promise<void> {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i += linesPerChunk) {
    socket.write(lines.slice(i, i + linesPerChunk).join("\n") + "\n");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await new Promise<void>((resolve) => socket.end(() => resolve()));
}

// Runs Debian's dump1090-mutability on loopback ports only, feeds it the AVR
// text on its raw input port and collects its BaseStation output until it
// has been quiet for `quietMs`. Another process can take a freed port before
// dump1090 binds it. dump1090 then exits, so the run is tried again on other ports.
export async function decodeAvrWithDump1090(text: string, quietMs = 1500, attempts = 3): Promise<DecodeSummary> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await decodeOnce(text, quietMs);
    } catch (error) {
      if (!(error instanceof Dump1090ExitedError) || attempt >= attempts) {
        throw error;
      }
    }
  }
}

class Dump1090ExitedError extends Error {}

async function decodeOnce(text: string, quietMs: number): Promise<DecodeSummary> {
  const [rawInPort, sbsOutPort] = (await freePorts(2)) as [number, number];
  const child = spawn(
    dump1090Binary,
    [
      "--net-only", "--quiet", "--net-bind-address", "127.0.0.1",
      "--net-ri-port", String(rawInPort), "--net-sbs-port", String(sbsOutPort),
      "--net-ro-port", "0", "--net-bi-port", "0", "--net-bo-port", "0", "--net-http-port", "0",
      "--net-heartbeat", "0", "--net-buffer", "2",
    ],
    { stdio: "ignore" },
  );
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });

  try {
    const deadline = Date.now() + 10_000;
    const output = await connectWithRetry(sbsOutPort, deadline, () => exited);
    const chunks: Buffer[] = [];
    let lastDataMs = Date.now();
    output.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      lastDataMs = Date.now();
    });

    const input = await connectWithRetry(rawInPort, deadline, () => exited);
    await sendPaced(input, text);
    lastDataMs = Date.now();
    while (Date.now() - lastDataMs < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    output.destroy();
    return readSbsOutput(Buffer.concat(chunks).toString("utf8"));
  } finally {
    child.kill("SIGTERM");
  }
}
