import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

import { chromium, type Browser, type ConsoleMessage, type Page } from "playwright-core";

const chromiumPath = "/usr/bin/chromium";
const installCommand = "apt-get install -y chromium";

function isDebianRoot(): boolean {
  return process.getuid?.() === 0 && existsSync("/etc/debian_version");
}

// Makes sure Debian's Chromium is installed: as root on Debian it runs
// apt-get, elsewhere it fails with the command to run.
export function ensureChromium(): void {
  if (existsSync(chromiumPath)) {
    return;
  }
  if (!isDebianRoot()) {
    throw new Error(`${chromiumPath} is missing: install it with \`sudo ${installCommand}\``);
  }
  execFileSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

// Screenshots show Chinese text only with a CJK font; the DOM checks do not
// need one, so a failed install only logs a warning.
export function ensureCjkFont(): void {
  try {
    if (execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }).trim() !== "") {
      return;
    }
    if (isDebianRoot()) {
      execFileSync("apt-get", ["install", "-y", "fonts-wqy-microhei"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    } else {
      console.warn("no CJK font: screenshots will show boxes for Chinese; install fonts-wqy-microhei");
    }
  } catch (error) {
    console.warn("could not check or install a CJK font; screenshots may show boxes for Chinese", error);
  }
}

export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  ensureCjkFont();
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
}

// Records console errors, uncaught exceptions, failed requests and HTTP
// errors on a page; `allowed` lets a test name messages it expects.
export function watchProblems(page: Page, allowed: (text: string) => boolean = () => false): PageProblems {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [] };

  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error" && !allowed(message.text())) {
      problems.consoleErrors.push(message.text());
    }
  });
  page.on("pageerror", (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => problems.failedRequests.push(`${request.url()} ${request.failure()?.errorText ?? ""}`));
  page.on("response", (response) => {
    if (response.status() >= 400) {
      problems.failedRequests.push(`${response.status()} ${response.url()}`);
    }
  });
  return problems;
}
