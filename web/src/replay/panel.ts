import type L from "leaflet";

import { ApiClient } from "../core/api-client.js";
import { element } from "../core/dom.js";
import { onLanguageChange } from "../core/i18n.js";
import { alertsAt, loadReplayAlerts, loadReplayTracks, type ReplayAlert } from "./history.js";
import { rt } from "./i18n.js";
import { ReplayLayer } from "./replay-layer.js";
import { formatChinaTime, fromChinaInputValue, toChinaInputValue } from "./time.js";

export interface ReplayOptions {
  map: L.Map;
  token: string;
  // Callbacks that stop the live feed and hide its aircraft, and undo that.
  pauseLive(): void;
  resumeLive(): void;
}

const speeds = [1, 5, 10, 30, 60];
const defaultWindowMs = 3_600_000;
// GET /tracks/history serves windows of at most 24 h.
const maxWindowMs = 24 * 3_600_000;

function loadedStatus(count: number, thinnedToS: number | null): string {
  if (count === 0) {
    return rt("replay.none");
  }
  return thinnedToS === null ? rt("replay.loaded", { count }) : rt("replay.loadedThinned", { count, seconds: thinnedToS });
}

// The replay panel: a window of stored history played back over the map at
// 1x to 60x, with the alerts that were open at the replay time. Live
// updates are paused while it is open.
export class ReplayPanel {
  private readonly api: ApiClient;
  private readonly layer = new ReplayLayer();
  private readonly panel: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly controls = {
    from: element("input", { type: "datetime-local", "data-testid": "replay-from" }),
    to: element("input", { type: "datetime-local", "data-testid": "replay-to" }),
    load: element("button", { type: "button", "data-testid": "replay-load" }),
    play: element("button", { type: "button", "data-testid": "replay-play", disabled: "" }),
    speed: element("select", { "data-testid": "replay-speed" }, speeds.map((speed) => element("option", { value: String(speed) }, [`${speed}x`]))),
    slider: element("input", { type: "range", "data-testid": "replay-slider", min: "0", max: "0", step: "1000", disabled: "" }),
    status: element("p", { class: "replay-status", "data-testid": "replay-status", role: "status" }),
    alerts: element("ul", { class: "replay-alerts", "data-testid": "replay-alerts" }),
  };
  private alerts: ReplayAlert[] = [];
  private timeMs = 0;
  private playing = false;
  private frame = 0;
  private open = false;

  constructor(private readonly options: ReplayOptions) {
    this.api = new ApiClient(options.token);
    this.panel = element("div", { class: "replay-panel", "data-testid": "replay-panel", hidden: "" });
    this.banner = element("div", { class: "replay-banner", "data-testid": "replay-banner", role: "status", hidden: "" });
    options.map.getContainer().append(this.banner);
    this.wire();
    this.renderLabels();
    onLanguageChange(() => this.renderLabels());
  }

  get element(): HTMLElement {
    return this.panel;
  }

  // Returns whether replay is on afterwards.
  toggle(): boolean {
    if (this.open) {
      this.close();
    } else {
      this.start();
    }
    return this.open;
  }

  private start(): void {
    this.open = true;
    const nowMs = Date.now();
    this.controls.from.value = toChinaInputValue(nowMs - defaultWindowMs);
    this.controls.to.value = toChinaInputValue(nowMs);
    this.panel.hidden = false;
    this.options.pauseLive();
    this.layer.group.addTo(this.options.map);
    void this.load();
  }

  private close(): void {
    this.open = false;
    this.pause();
    this.panel.hidden = true;
    this.banner.hidden = true;
    this.layer.group.remove();
    this.options.resumeLive();
  }

  private wire(): void {
    const { load, play, slider } = this.controls;
    load.addEventListener("click", () => void this.load());
    play.addEventListener("click", () => (this.playing ? this.pause() : this.play()));
    slider.addEventListener("input", () => this.seek(Number(slider.value)));
  }

  private renderLabels(): void {
    const c = this.controls;
    c.load.textContent = rt("replay.load");
    c.play.textContent = this.playing ? rt("replay.pause") : rt("replay.play");
    const field = (key: "replay.from" | "replay.to" | "replay.speed", input: HTMLElement) => element("label", { class: "replay-field" }, [rt(key), input]);
    this.panel.replaceChildren(
      element("h3", {}, [rt("replay.title")]),
      element("div", { class: "replay-window" }, [field("replay.from", c.from), field("replay.to", c.to), c.load]),
      element("div", { class: "replay-transport" }, [c.play, field("replay.speed", c.speed), c.slider]),
      c.status,
      element("h4", {}, [rt("replay.alerts")]),
      c.alerts,
    );
    if (this.open && !c.slider.disabled) {
      this.seek(this.timeMs);
    }
  }

  private async load(): Promise<void> {
    this.pause();
    const fromMs = fromChinaInputValue(this.controls.from.value);
    const toMs = fromChinaInputValue(this.controls.to.value);
    if (!(fromMs < toMs) || toMs - fromMs > maxWindowMs) {
      this.controls.status.textContent = rt("replay.invalidWindow");
      return;
    }

    this.controls.status.textContent = rt("replay.loading");
    try {
      const [{ tracks, thinnedToS }, alerts] = await Promise.all([loadReplayTracks(this.api, fromMs, toMs), loadReplayAlerts(this.api, fromMs, toMs)]);
      this.layer.setTracks(tracks);
      this.alerts = alerts;
      this.controls.status.textContent = loadedStatus(tracks.length, thinnedToS);
    } catch (error) {
      console.warn("loading the replay window failed", error);
      this.controls.status.textContent = rt("replay.failed", { message: error instanceof Error ? error.message : String(error) });
      return;
    }

    const { slider, play } = this.controls;
    slider.min = String(fromMs);
    slider.max = String(toMs);
    slider.disabled = false;
    play.disabled = false;
    this.seek(fromMs);
  }

  // Shows the map, the banner and the open alerts as they were at timeMs.
  private seek(timeMs: number): void {
    this.timeMs = timeMs;
    this.controls.slider.value = String(timeMs);
    this.layer.showAt(timeMs);
    this.banner.textContent = rt("replay.banner", { time: formatChinaTime(timeMs) });
    this.banner.hidden = false;
    this.renderAlerts(alertsAt(this.alerts, timeMs));
  }

  private renderAlerts(open: ReplayAlert[]): void {
    const items = open.map((alert) =>
      element("li", { class: `replay-alert replay-alert-${alert.level}` }, [`${formatChinaTime(alert.raisedAtMs).slice(11)} ${alert.message}`]),
    );
    this.controls.alerts.replaceChildren(...(items.length > 0 ? items : [element("li", { class: "empty" }, [rt("replay.noAlerts")])]));
  }

  private play(): void {
    const endMs = Number(this.controls.slider.max);
    if (this.timeMs >= endMs) {
      this.seek(Number(this.controls.slider.min));
    }
    this.playing = true;
    this.controls.play.textContent = rt("replay.pause");

    let lastFrameMs = performance.now();
    const step = (nowMs: number) => {
      const speed = Number(this.controls.speed.value);
      const nextMs = Math.min(endMs, this.timeMs + (nowMs - lastFrameMs) * speed);
      lastFrameMs = nowMs;
      this.seek(nextMs);
      if (nextMs >= endMs) {
        this.pause();
        return;
      }
      this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  private pause(): void {
    cancelAnimationFrame(this.frame);
    this.playing = false;
    this.controls.play.textContent = rt("replay.play");
  }
}
