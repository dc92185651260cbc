import { renderMessage } from "../../http/messages.js";
import type { AlertRow } from "./repository.js";

// The fields of one alert in the WebSocket frame {type: "alert", change, alert}
// and in GET /api/v1/alerts. The list is the contract with the console; a
// test fails when a frame carries a field not declared here.
export const alertFrameFields = [
  "id",
  "kind",
  "level",
  "aircraftId",
  "registration",
  "callsign",
  "icaoAddress",
  "missionId",
  "details",
  "message",
  "raisedAt",
  "levelChangedAt",
  "acknowledgedAt",
  "acknowledgedBy",
  "clearedAt",
] as const;

export type AlertFrame = Record<(typeof alertFrameFields)[number], unknown>;

// The change to the alert that the frame reports.
export type AlertChange = "raised" | "level_changed" | "acknowledged" | "cleared";

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

// The alert text in both console languages, so one broadcast serves every client.
function alertText(row: AlertRow) {
  const params: Record<string, string | number> = { level: row.level, registration: row.registration, callsign: row.callsign ?? "-" };
  for (const [key, value] of Object.entries(row.details)) {
    params[key] = value ?? "-";
  }
  const detail = { code: `alert_${row.kind}`, params };
  return { "zh-CN": renderMessage(detail, "zh-CN"), en: renderMessage(detail, "en") };
}

export function presentAlert(row: AlertRow): AlertFrame {
  return {
    id: row.id,
    kind: row.kind,
    level: row.level,
    aircraftId: row.aircraftId,
    registration: row.registration,
    callsign: row.callsign,
    icaoAddress: row.icaoAddress,
    missionId: row.missionId,
    details: row.details,
    message: alertText(row),
    raisedAt: iso(row.raisedAtMs),
    levelChangedAt: iso(row.levelChangedAtMs),
    acknowledgedAt: iso(row.acknowledgedAtMs),
    acknowledgedBy: row.acknowledgedBy,
    clearedAt: iso(row.clearedAtMs),
  };
}

export function alertMessage(change: AlertChange, row: AlertRow) {
  return { type: "alert" as const, change, alert: presentAlert(row) };
}
