import { element } from "../core/dom.js";
import { at } from "./i18n.js";
import type { City, CoverageImpact } from "./types.js";
import { cityName } from "./cities.js";

export type ImpactState = { kind: "loading" } | { kind: "ready"; impact: CoverageImpact } | { kind: "failed"; message: string };

// A share of area (a fraction 0-1) as a percentage with one decimal: "91.1%".
export function formatShare(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

// A change of share with its sign: "+8.9%", "-12.6%", "0.0%".
export function formatShareDelta(fraction: number): string {
  const text = formatShare(Math.abs(fraction));
  if (text === "0.0%") {
    return text;
  }
  return fraction > 0 ? `+${text}` : `-${text}`;
}

// Renders what the loan does to each city's share of area reached within
// the target: the borrower's gain and the lender's loss. For a request not yet
// approved the API estimates it with the aircraft named in the request or,
// for "any suitable aircraft", the first suitable one.
export function impactView(requestId: number, pending: boolean, state: ImpactState, cities: readonly City[]): HTMLElement {
  const testId = `mutual-aid-impact-${requestId}`;
  if (state.kind === "loading") {
    return element("p", { class: "aid-impact muted", "data-testid": testId }, [at("aid.impactLoading")]);
  }
  if (state.kind === "failed") {
    return element("p", { class: "aid-impact form-error", "data-testid": testId }, [at("aid.impactFailed", { message: state.message })]);
  }

  const { impact } = state;
  const heading = [at("aid.impact", { target: impact.options.targetMin })];
  if (pending) {
    heading.push(` · ${at("aid.impactPreview", { aircraft: impact.aircraft.registration })}`);
  }
  const side = (party: "borrower" | "lender") => {
    const share = impact[party].shareOfArea;
    const text = at("aid.impactSide", {
      city: cityName(cities, impact[party].city),
      delta: formatShareDelta(share.delta),
      before: formatShare(share.before),
      after: formatShare(share.after),
    });
    return element("li", { "data-testid": `${testId}-${party}` }, [text]);
  };

  return element("div", { class: "aid-impact", "data-testid": testId }, [
    element("p", { class: "aid-impact-heading" }, [heading.join("")]),
    impact.aircraft.counted ? null : element("p", { class: "muted" }, [at("aid.impactNotCounted", { aircraft: impact.aircraft.registration })]),
    element("ul", {}, [side("borrower"), side("lender")]),
  ]);
}
