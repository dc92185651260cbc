import { displayTimeZone } from "../core/format.js";
import type { PanelContext } from "./context.js";
import type { DispatchMessageKey } from "./i18n.js";
import type { MissionEventView } from "./types.js";

// Actor names that the API stores for changes no person made: the
// ADMIN_TOKEN environment token and the tracking rules.
const systemActors: Record<string, DispatchMessageKey> = {
  ADMIN_TOKEN: "actor.adminToken",
  tracking: "actor.tracking",
};

// The server writes this before the reason codes when a dispatcher overrode the model.
const overridePrefix = "override:";

// Returns the name to show for an actor: a user's display name or a token's
// name as stored, or the localized name of a system actor.
export function actorLabel(context: PanelContext, actor: string): string {
  const key = systemActors[actor];
  return key ? context.tr(key) : actor;
}

// Formats an ISO time as "05:12:26" in China Standard Time, as the rest of the console shows times.
export function timeOfDay(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: displayTimeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

// Translates an override note ("override:night,endurance") and appends the
// dispatcher's own note, which the server stores on the following lines.
function noteText(context: PanelContext, note: string): string {
  const [first = "", ...rest] = note.split("\n");
  if (!first.startsWith(overridePrefix)) {
    return note;
  }
  const codes = first.slice(overridePrefix.length).split(",").filter((code) => code !== "");
  const reasons = codes.map((code) => context.tr(reasonKey(code)));
  return [context.tr("dispatch.overrideNote", { reasons: reasons.join(context.tr("dispatch.reasonSeparator")) }), ...rest].join(" · ");
}

function reasonKey(code: string): DispatchMessageKey {
  const keys: Record<string, DispatchMessageKey> = { night: "reason.night", out_of_range: "reason.outOfRangeShort", endurance: "reason.enduranceShort" };
  return keys[code] ?? "reason.unknownShort";
}

// One timeline line: time in CST, the status change, who made it, and the note.
export function timelineLine(context: PanelContext, event: MissionEventView): string {
  const statusText = (status: string) => context.tr(`status.${status}` as DispatchMessageKey);
  const change = event.fromStatus ? `${statusText(event.fromStatus)} → ${statusText(event.toStatus)}` : statusText(event.toStatus);
  const note = event.note ? ` · ${noteText(context, event.note)}` : "";
  return `${timeOfDay(event.time)} ${change} · ${actorLabel(context, event.actor)}${note}`;
}
