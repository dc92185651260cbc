import { el, type PanelContext } from "./context.js";
import type { DispatchMessageKey } from "./i18n.js";
import type { CandidateView, UnableReasonView } from "./types.js";

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

// A candidate line: registration, type and ETA, then either the target line
// or why the model rates it unable, and the dispatch controls. An unable
// aircraft gets "dispatch anyway", which asks for a second click first.
export function renderCandidateRow(context: PanelContext, candidate: CandidateView, targetMin: number, dispatch: (override: boolean) => void): HTMLElement {
  const { tr, language } = context;
  const unable = candidate.status === "unable";
  const typeName = language() === "zh-CN" ? (candidate.typeNameZh ?? candidate.typeName) : candidate.typeName;
  const eta = candidate.etaMin === null ? tr("dispatch.etaUnknown") : tr("dispatch.eta", { eta: Math.round(candidate.etaMin) });
  const verdict = unable ? unableLine(context, candidate) : tr(candidate.meetsTarget ? "dispatch.meetsTarget" : "dispatch.missesTarget", { target: targetMin });
  let rowClass = candidate.meetsTarget ? "dispatch-meets" : "dispatch-misses";
  if (unable) {
    rowClass = "dispatch-unable";
  }

  return el("li", { class: rowClass, "data-testid": `candidate-${candidate.aircraftId}`, "data-status": candidate.status }, [
    el("strong", {}, [candidate.registration]),
    ` ${typeName} · ${eta}`,
    el("div", { class: unable ? "dispatch-unable-reason" : "dispatch-muted", "data-testid": `verdict-${candidate.aircraftId}` }, [verdict]),
    candidate.bucket ? el("div", { class: "dispatch-muted" }, [tr("dispatch.bucket", { drops: candidate.bucket.dropsPerHour, turn: candidate.bucket.turnMin })]) : null,
    context.can("mission.write") ? dispatchControls(context, candidate, dispatch) : null,
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
