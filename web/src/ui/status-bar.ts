import { element } from "../core/dom.js";
import { formatClock } from "../core/format.js";
import { onLanguageChange, t } from "../core/i18n.js";
import type { FeedState } from "../live/feed.js";

// The status bar: live feed state, the count of live aircraft in the
// visible map box (the feed's bbox subscription, so it is not the fleet
// list's registry total), and the clock in China Standard Time, refreshed
// every second.
export class StatusBar {
  private state: FeedState = { kind: "connecting" };
  private counts = { total: 0, fleet: 0 };
  private readonly feed = element("span", { class: "status-feed", "data-testid": "live-state" });
  private readonly aircraft = element("span", { class: "status-aircraft", "data-testid": "live-count" });
  private readonly clock = element("span", { class: "status-clock", "data-testid": "clock" });

  constructor(container: HTMLElement, feedHealth?: { element: HTMLElement; relocatedBadge: HTMLElement }) {
    const health = feedHealth ? [feedHealth.element, feedHealth.relocatedBadge] : [];
    container.replaceChildren(this.feed, this.aircraft, ...health, element("span", { class: "status-spacer" }), this.clock);
    setInterval(() => this.render(), 1000);
    onLanguageChange(() => this.render());
    this.render();
  }

  setFeedState(state: FeedState): void {
    this.state = state;
    this.render();
  }

  setCounts(counts: { total: number; fleet: number }): void {
    this.counts = counts;
    this.render();
  }

  private render(): void {
    this.feed.textContent = feedText(this.state);
    this.feed.dataset.state = this.state.kind;
    this.aircraft.textContent = this.state.kind === "connected" ? t("live.aircraft", { n: this.counts.total, fleet: this.counts.fleet }) : "";
    this.clock.textContent = t("status.time", { time: formatClock(new Date()) });
  }
}

function feedText(state: FeedState): string {
  if (state.kind === "connected") {
    return t("live.connected");
  }
  if (state.kind === "retrying") {
    return t("live.retrying", { s: Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000)) });
  }
  return t("live.connecting");
}
