import { renderMessage } from "../http/messages.js";
import type { BaseRecord } from "./fleet-query.js";
import type { UnableReason } from "./model/index.js";

export interface PresentedReason {
  code: UnableReason["code"];
  detail: Record<string, string | number>;
  message: { "zh-CN": string; en: string };
}

/** Presents one model reason with its messages in both languages; numbers are rounded to 0.1. */
export function presentReason(
  reason: UnableReason,
  typeId: string,
  basesById: ReadonlyMap<string, BaseRecord>,
): PresentedReason {
  const { messageCode, detail } = describeReason(reason, typeId, basesById);
  const params = { code: messageCode, params: detail };

  return {
    code: reason.code,
    detail,
    message: { "zh-CN": renderMessage(params, "zh-CN"), en: renderMessage(params, "en") },
  };
}

function describeReason(
  reason: UnableReason,
  typeId: string,
  basesById: ReadonlyMap<string, BaseRecord>,
): { messageCode: string; detail: Record<string, string | number> } {
  switch (reason.code) {
    case "night": {
      if (reason.detail.cause === "aircraft_not_night_capable") {
        return { messageCode: "eta_reason_night_aircraft", detail: { cause: reason.detail.cause, typeId } };
      }
      const base = basesById.get(reason.detail.baseId ?? "");
      return {
        messageCode: "eta_reason_night_base",
        detail: { cause: reason.detail.cause, baseId: Number(reason.detail.baseId), baseCode: base?.code ?? "?" },
      };
    }
    case "no_bucket":
      return { messageCode: "eta_reason_no_bucket", detail: { typeId: reason.detail.typeId } };
    case "endurance_unknown":
      return { messageCode: "eta_reason_endurance_unknown", detail: { aircraftId: Number(reason.detail.aircraftId) } };
    case "wind":
      return {
        messageCode: "eta_reason_wind",
        detail: {
          leg: reason.detail.leg,
          airspeedKmh: round1(reason.detail.airspeedKmh),
          headwindKmh: round1(reason.detail.headwindKmh),
          crosswindKmh: round1(reason.detail.crosswindKmh),
        },
      };
    case "endurance":
      return {
        messageCode: "eta_reason_endurance",
        detail: { requiredMin: round1(reason.detail.requiredMin), availableMin: round1(reason.detail.availableMin) },
      };
    case "out_of_range":
      return {
        messageCode: "eta_reason_out_of_range",
        detail: { requiredKm: round1(reason.detail.requiredKm), availableKm: round1(reason.detail.availableKm) },
      };
  }
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
