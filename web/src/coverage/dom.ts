// Creates an element with attributes and children; text children become text nodes.
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  for (const child of children) {
    element.append(child);
  }
  return element;
}

/** Formats a share 0..1 as a percentage with one decimal, e.g. "91.1 %". */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** Formats a share difference as signed percentage points, e.g. "+3.2 pp" or "−1.0 pp". */
export function formatDelta(delta: number): string {
  const points = Math.abs(delta * 100).toFixed(1);
  if (delta > 0) {
    return `+${points} pp`;
  }
  if (delta < 0) {
    return `−${points} pp`;
  }
  return "0.0 pp";
}
