import { DispatchApi } from "./api.js";
import { beep, unlockAudio } from "./beep.js";
import { el } from "./context.js";
import { translate, type DispatchLanguage, type DispatchMessageKey } from "./i18n.js";
import { alertText, OpenAlerts } from "./open-alerts.js";
import type { AlertFrameMessage, AlertView } from "./types.js";
import "./dispatch.css";

// Lost-contact levels that get the banner. A warning counts in the badge only.
const bannerLostContactLevels = new Set(["alarm", "escalation", "emergency"]);

export interface AlertWatchOptions {
  token: string;
  language: () => DispatchLanguage;
  apiBase?: string;
  // Parent element of the banner, usually the map container.
  bannerParent: HTMLElement;
  // The Dispatch header button; the count badge goes right after it.
  badgeAnchor: HTMLElement | null;
  // Receives the ICAO addresses of aircraft with an open alert after every change.
  onAlertingChange: (icaoAddresses: Set<string>) => void;
}

// Returns whether an alert gets the banner: an emergency squawk, a lost
// contact from the alarm level up, or any alert at the emergency level.
export function needsBanner(alert: AlertView): boolean {
  if (alert.kind === "emergency_squawk" || alert.level === "emergency") {
    return true;
  }
  return alert.kind === "lost_contact" && bannerLostContactLevels.has(alert.level);
}

// Open flight-following alerts shown whether or not the dispatch panel is
// open: a count badge on the Dispatch button, a banner for emergencies that
// no one has acknowledged yet, the beep, and the alerting aircraft's ICAO
// addresses for the live layer to highlight. The caller passes the alert
// frames of the live feed to apply(), and calls load() on every (re)connect
// to catch up on frames missed while disconnected.
export class AlertWatch {
  readonly banner = el("div", { class: "dispatch-banner", role: "alert", "data-testid": "alert-banner" });
  readonly badge = el("span", { class: "dispatch-badge", "data-testid": "dispatch-badge" });
  private readonly alerts = new OpenAlerts();
  private readonly api: DispatchApi;
  beeps = 0;

  constructor(private readonly options: AlertWatchOptions) {
    this.api = new DispatchApi(options.apiBase ?? "api/v1", options.token, options.language);
    this.banner.hidden = true;
    this.badge.hidden = true;
    options.bannerParent.append(this.banner);
    options.badgeAnchor?.after(this.badge);
  }

  start(): void {
    // Browsers start audio only after a user gesture; any click will do.
    document.addEventListener("click", unlockAudio, { capture: true });
    void this.load();
  }

  stop(): void {
    document.removeEventListener("click", unlockAudio, { capture: true });
    this.banner.remove();
    this.badge.remove();
  }

  async load(): Promise<void> {
    try {
      const list = await this.api.get<{ items: AlertView[] }>("/alerts?open=true&limit=500");
      this.alerts.replaceAll(list.items);
    } catch (error) {
      console.warn("loading open alerts failed", error);
      return;
    }
    this.render();
  }

  apply(message: AlertFrameMessage): void {
    const rose = this.alerts.apply(message);
    if (rose && beep(message.alert.level === "emergency")) {
      this.beeps++;
      this.banner.dataset.beeps = String(this.beeps);
    }
    this.render();
  }

  // Redraws the badge and banner, also after a language change.
  render(): void {
    const open = this.alerts.newestFirst();
    this.badge.textContent = String(open.length);
    this.badge.title = translate(this.options.language(), "dispatch.badgeTitle", { count: open.length });
    this.badge.hidden = open.length === 0;

    const urgent = open.filter((alert) => needsBanner(alert) && alert.acknowledgedAt === null);
    this.banner.replaceChildren(...urgent.map((alert) => this.bannerLine(alert)));
    this.banner.hidden = urgent.length === 0;

    const icaoAddresses = new Set(open.map((alert) => alert.icaoAddress).filter((icao): icao is string => icao !== null));
    this.options.onAlertingChange(icaoAddresses);
  }

  private bannerLine(alert: AlertView): HTMLElement {
    const language = this.options.language();
    const level = translate(language, `level.${alert.level}` as DispatchMessageKey);
    return el("p", { "data-testid": `banner-alert-${alert.id}`, "data-icao": alert.icaoAddress ?? "" }, [el("strong", {}, [level]), " ", alertText(alert, language)]);
  }
}
