import { describe, expect, it } from "vitest";

import { alertText, OpenAlerts } from "./open-alerts.js";
import type { AlertFrameMessage, AlertView } from "./types.js";

function alertView(id: number, raisedAt: string, changes: Partial<AlertView> = {}): AlertView {
  return {
    id, kind: "lost_contact", level: "warning", registration: "B-7Z41", callsign: null, icaoAddress: "7BFE01",
    message: { "zh-CN": "失去联系", en: "Lost contact" }, raisedAt, acknowledgedAt: null, acknowledgedBy: null, clearedAt: null,
    ...changes,
  };
}

function frame(change: AlertFrameMessage["change"], alert: AlertView): AlertFrameMessage {
  return { type: "alert", change, alert };
}

describe("OpenAlerts", () => {
  it("lists alerts newest first", () => {
    const alerts = new OpenAlerts();
    alerts.replaceAll([alertView(1, "2026-06-01T08:00:00Z"), alertView(2, "2026-06-01T09:00:00Z")]);

    expect(alerts.newestFirst().map((alert) => alert.id)).toEqual([2, 1]);
  });

  it("rises on a raised alert", () => {
    const alerts = new OpenAlerts();

    expect(alerts.apply(frame("raised", alertView(1, "2026-06-01T08:00:00Z")))).toBe(true);
    expect(alerts.newestFirst()).toHaveLength(1);
  });

  it("rises on a new level only while unacknowledged", () => {
    const alerts = new OpenAlerts();

    expect(alerts.apply(frame("level_changed", alertView(1, "2026-06-01T08:00:00Z", { level: "alarm" })))).toBe(true);
    const acknowledged = alertView(1, "2026-06-01T08:00:00Z", { level: "emergency", acknowledgedAt: "2026-06-01T08:05:00Z" });
    expect(alerts.apply(frame("level_changed", acknowledged))).toBe(false);
    expect(alerts.newestFirst()[0]!.level).toBe("emergency");
  });

  it("drops a cleared alert without rising", () => {
    const alerts = new OpenAlerts();
    alerts.replaceAll([alertView(1, "2026-06-01T08:00:00Z")]);

    expect(alerts.apply(frame("cleared", alertView(1, "2026-06-01T08:00:00Z")))).toBe(false);
    expect(alerts.newestFirst()).toEqual([]);
  });

  it("keeps an acknowledgement without rising", () => {
    const alerts = new OpenAlerts();
    const acknowledged = alertView(1, "2026-06-01T08:00:00Z", { acknowledgedAt: "2026-06-01T08:05:00Z" });

    expect(alerts.apply(frame("acknowledged", acknowledged))).toBe(false);
    expect(alerts.newestFirst()[0]!.acknowledgedAt).toBe("2026-06-01T08:05:00Z");
  });
});

describe("alertText", () => {
  it("falls back to English, then the kind", () => {
    const alert = alertView(1, "2026-06-01T08:00:00Z");

    expect(alertText(alert, "zh-CN")).toBe("失去联系");
    expect(alertText({ ...alert, message: { en: "Lost contact" } }, "zh-CN")).toBe("Lost contact");
    expect(alertText({ ...alert, message: {} }, "en")).toBe("lost_contact");
  });
});
