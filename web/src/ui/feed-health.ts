import type { ApiClient } from "../core/api-client.js";
import { element } from "../core/dom.js";
import { onLanguageChange, t } from "../core/i18n.js";

// One feed source as GET /api/v1/feeds lists it.
export interface FeedSourceStatus {
  id: string;
  format: string;
  transport: string;
  received: number;
  rejectedTotal: number;
  lastMessageAt: string | null;
  relocated?: boolean;
}

// A source that has sent nothing for this long counts as silent.
const SILENT_AFTER_MS = 60_000;
const POLL_INTERVAL_MS = 10_000;

export function isSilent(source: FeedSourceStatus, nowMs: number): boolean {
  return source.lastMessageAt === null || nowMs - Date.parse(source.lastMessageAt) > SILENT_AFTER_MS;
}

// Feed health in the status bar: how many sources are sending, each
// source's counters in the tooltip, and a badge while any live traffic on
// the map comes from a recording shifted over Bayannur, so nobody mistakes
// it for real local traffic.
export class FeedHealth {
  readonly element = element("span", { class: "status-feeds", "data-testid": "feed-health" });
  readonly relocatedBadge = element("span", { class: "status-relocated", "data-testid": "relocated-badge", hidden: "" });
  private sources: FeedSourceStatus[] = [];

  constructor(private readonly api: ApiClient) {
    onLanguageChange(() => this.render());
    void this.poll();
    setInterval(() => void this.poll(), POLL_INTERVAL_MS);
  }

  private async poll(): Promise<void> {
    try {
      const response = await this.api.get<{ sources: FeedSourceStatus[] }>("/feeds");
      this.sources = response.sources;
    } catch {
      this.sources = [];
    }
    this.render();
  }

  private render(): void {
    const nowMs = Date.now();
    const sending = this.sources.filter((source) => !isSilent(source, nowMs));
    this.element.textContent = t("feeds.summary", { sending: sending.length, total: this.sources.length });
    this.element.dataset.state = this.sources.length > 0 && sending.length === this.sources.length ? "ok" : "degraded";
    this.element.title = this.sources
      .map((source) => t("feeds.source", { id: source.id, received: source.received, rejected: source.rejectedTotal, state: t(isSilent(source, nowMs) ? "feeds.silent" : "feeds.sending") }))
      .join("\n");

    const relocated = sending.some((source) => source.relocated === true);
    this.relocatedBadge.hidden = !relocated;
    this.relocatedBadge.textContent = t("feeds.relocated");
  }
}
