// Sampling intervals tried in turn when a window contains more positions than a
// response may carry, in seconds. Even 10 min apart, positions still show
// which aircraft flew where in a 24 h window.
export const THINNING_INTERVALS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600] as const;

export interface StoredSpan {
  count: number;
  firstMs: number;
  lastMs: number;
}

// Returns the largest number of positions that thinning one aircraft to
// intervalS can keep: the first position in each interval-aligned time bin
// from its first to its last position, plus its last position.
export function thinnedCountBound(span: StoredSpan, intervalS: number): number {
  const binMs = intervalS * 1000;
  const bins = Math.floor(span.lastMs / binMs) - Math.floor(span.firstMs / binMs) + 1;
  return Math.min(span.count, bins + 1);
}

// Picks the shortest interval that keeps the response within maxPositions:
// null when every stored position fits, undefined when even the longest
// interval keeps too many.
export function chooseThinningInterval(spans: StoredSpan[], maxPositions: number): number | null | undefined {
  const stored = spans.reduce((sum, span) => sum + span.count, 0);
  if (stored <= maxPositions) {
    return null;
  }

  return THINNING_INTERVALS_S.find((intervalS) => thinnedTotalBound(spans, intervalS) <= maxPositions);
}

// Returns the largest number of positions that thinning every aircraft to intervalS can keep.
export function thinnedTotalBound(spans: StoredSpan[], intervalS: number): number {
  return spans.reduce((sum, span) => sum + thinnedCountBound(span, intervalS), 0);
}
