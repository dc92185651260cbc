// Runs every bench/*.bench.ts (or those named on the command line) one after
// another, so they do not compete for the two cores, and writes each one's
// report to bench/results/<name>.md with the machine it ran on.
//   npm run bench            all benchmarks
//   npm run bench -- ingest  only bench/ingest.bench.ts
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";

const benchDir = fileURLToPath(new URL("./", import.meta.url));

function machineFacts(): string {
  const cpus = os.cpus();
  return [
    `- date: ${new Date().toISOString()}`,
    `- node: ${process.version}`,
    `- cpu: ${cpus.length} x ${cpus[0]?.model ?? "unknown"}`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
  ].join("\n");
}

const requested = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => requested.length === 0 || requested.includes(f.replace(".bench.ts", "")));

for (const file of files) {
  const name = file.replace(".bench.ts", "");
  console.log(`bench: ${name}`);
  const output = execFileSync("npx", ["tsx", `bench/${file}`], {
    cwd: fileURLToPath(new URL("../", import.meta.url)),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = `# Benchmark: ${name}\n\nCommand: \`npm run bench -- ${name}\`\n\n## Machine\n\n${machineFacts()}\n\n## Results\n\n${output.trim()}\n`;
  writeFileSync(`${benchDir}results/${name}.md`, report);
  console.log(output.trim());
}
