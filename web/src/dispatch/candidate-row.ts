import { el, type PanelContext } from "./context.js";
import type { DispatchMessageKey } from "./i18n.js";
import type { CandidateView, CapabilitiesView, UnableReasonView } from "./types.js";

// One reason from the response-time model (api/coverage/model/eta-types.ts)
// in the panel's language, with its numbers.
export function reasonText(context: PanelContext, reason: UnableReasonView): string {
  const { tr } = context;
  const detail = reason.detail ?? {};
  const round = (value: unknown) => (typeof value === "number" ? Math.round(value) : "?");
  switch (reason.code) {
    case "night":
      return tr(detail.cause === "home_base_closed_at_night" ? "reason.nightBase" : "reason.night");
    case "out_of_range":
      return tr("reason.outOfRange", { required: round(detail.requiredKm), available: round(detail.availableKm) });
    case "endurance":
      return tr("reason.endurance", { required: round(detail.requiredMin), available: round(detail.availableMin) });
    case "no_bucket":
      return tr("reason.noBucket");
    case "endurance_unknown":
      return tr("reason.enduranceUnknown");
    case "wind":
      return tr(detail.leg === "return" ? "reason.windReturn" : "reason.windOutbound", { headwind: round(detail.headwindKmh), airspeed: round(detail.airspeedKmh) });
    default:
      return tr("reason.other", { code: reason.code });
  }
}

// The reasons of an unable candidate, each once, joined for one line.
function unableLine(context: PanelContext, candidate: CandidateView): string {
  const texts = [...new Set(candidate.reasons.map((reason) => reasonText(context, reason)))];
  return context.tr("dispatch.unable", { reasons: texts.join(context.tr("dispatch.reasonSeparator")) });
}

// A city's short name in the panel's language; a city added after this
// build shows its code.
export function cityName(context: PanelContext, city: string): string {
  const key = `city.${city}` as DispatchMessageKey;
  const name = context.tr(key);
  return name === key ? city : name;
}

// Compact capability marks, e.g. "吊桶 2,000 L · 绞车 · 担架 2 · 夜航"; empty
// for a type with none of them.
export function capabilityMarks(context: PanelContext, capabilities: CapabilitiesView): string {
  const { tr, language } = context;
  const marks: string[] = [];
  if ((capabilities.bucketCapacityL ?? 0) > 0) {
    const litres = new Intl.NumberFormat(language()).format(Math.round(capabilities.bucketCapacityL!));
    marks.push(tr("capability.bucket", { litres }));
  }
  if (capabilities.hoist) {
    marks.push(tr("capability.hoist"));
  }
  if (capabilities.stretchers > 0) {
    marks.push(tr("capability.stretchers", { count: capabilities.stretchers }));
  }
  if (capabilities.nightCapable) {
    marks.push(tr("capability.night"));
  }
  return marks.join(tr("capability.separator"));
}

// A candidate line: registration and callsign, type and ETA, the capability
// marks, then either the target line or why the model rates it unable, and
// the dispatch controls. An unable aircraft gets "dispatch anyway", which
// asks for a second click first. A partner aircraft shows its city and
// "needs mutual aid" in place of the controls, since the API rejects it.
export function renderCandidateRow(context: PanelContext, candidate: CandidateView, targetMin: number, dispatch: (override: boolean) => void): HTMLElement {
  const { tr, language } = context;
  const unable = candidate.status === "unable";
  const typeName = language() === "zh-CN" ? (candidate.typeNameZh ?? candidate.typeName) : candidate.typeName;
  const eta = candidate.etaMin === null ? tr("dispatch.etaUnknown") : tr("dispatch.eta", { eta: Math.round(candidate.etaMin) });
  const verdict = unable ? unableLine(context, candidate) : tr(candidate.meetsTarget ? "dispatch.meetsTarget" : "dispatch.missesTarget", { target: targetMin });
  const marks = capabilityMarks(context, candidate.capabilities);
  const name = candidate.callsign ? `${candidate.registration} · ${candidate.callsign}` : candidate.registration;
  let rowClass = candidate.meetsTarget ? "dispatch-meets" : "dispatch-misses";
  if (unable) {
    rowClass = "dispatch-unable";
  }

  return el("li", { class: rowClass, "data-testid": `candidate-${candidate.aircraftId}`, "data-status": candidate.status, "data-at-disposal": String(candidate.atDisposal) }, [
    el("strong", { "data-testid": `candidate-name-${candidate.aircraftId}` }, [name]),
    ` ${typeName} · ${eta}`,
    marks ? el("div", { class: "dispatch-muted", "data-testid": `capabilities-${candidate.aircraftId}` }, [marks]) : null,
    el("div", { class: unable ? "dispatch-unable-reason" : "dispatch-muted", "data-testid": `verdict-${candidate.aircraftId}` }, [verdict]),
    candidate.bucket ? el("div", { class: "dispatch-muted" }, [tr("dispatch.bucket", { drops: candidate.bucket.dropsPerHour, turn: candidate.bucket.turnMin })]) : null,
    candidate.atDisposal ? null : partnerLine(context, candidate),
    candidate.atDisposal && context.can("mission.write") ? dispatchControls(context, candidate, dispatch) : null,
  ]);
}

// The owner city and why the desk cannot dispatch the aircraft itself.
function partnerLine(context: PanelContext, candidate: CandidateView): HTMLElement {
  const { tr } = context;
  const owner = cityName(context, candidate.city);
  const reason = candidate.disposalReason === "on_loan" ? tr("dispatch.onLoan", { city: cityName(context, candidate.servingCity) }) : tr("dispatch.needsMutualAid");
  return el("div", { class: "dispatch-partner", "data-testid": `partner-${candidate.aircraftId}`, title: tr("dispatch.partnerTitle", { city: owner }) }, [
    `${owner} · ${reason}`,
  ]);
}

function dispatchControls(context: PanelContext, candidate: CandidateView, dispatch: (override: boolean) => void): HTMLElement {
  const { tr } = context;
  const id = candidate.aircraftId;
  if (candidate.status !== "unable") {
    const button = el("button", { type: "button", "data-testid": `dispatch-${id}` }, [tr("dispatch.dispatch")]);
    button.addEventListener("click", () => dispatch(false));
    return button;
  }

  const box = el("span", {});
  const anyway = el("button", { type: "button", "data-testid": `override-${id}` }, [tr("dispatch.anyway")]);
  anyway.addEventListener("click", () => {
    const confirm = el("button", { type: "button", class: "dispatch-danger", "data-testid": `confirm-override-${id}` }, [tr("dispatch.confirmAnyway", { registration: candidate.registration })]);
    confirm.addEventListener("click", () => dispatch(true));
    box.replaceChildren(confirm);
  });
  box.append(anyway);
  return box;
}
