import type { AlertFrameMessage, AlertView } from "./types.js";

// The open flight-following alerts by id, loaded from GET /alerts?open=true
// and then kept current by the live feed's alert frames.
export class OpenAlerts {
  private readonly byId = new Map<number, AlertView>();

  replaceAll(items: readonly AlertView[]): void {
    this.byId.clear();
    for (const alert of items) {
      this.byId.set(alert.id, alert);
    }
  }

  set(alert: AlertView): void {
    this.byId.set(alert.id, alert);
  }

  // Applies one alert frame. Returns whether the alert rose, and so calls
  // for the beep: newly raised, or a new level while still unacknowledged.
  apply(message: AlertFrameMessage): boolean {
    const alert = message.alert;
    if (message.change === "cleared") {
      this.byId.delete(alert.id);
    } else {
      this.byId.set(alert.id, alert);
    }
    return message.change === "raised" || (message.change === "level_changed" && alert.acknowledgedAt === null);
  }

  newestFirst(): AlertView[] {
    return [...this.byId.values()].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  }
}

// Returns the alert's message in `language`, else in English, else its kind.
export function alertText(alert: AlertView, language: string): string {
  return alert.message[language] ?? alert.message.en ?? alert.kind;
}
