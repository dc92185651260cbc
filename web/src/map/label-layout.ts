// Screen-space label placement: labels are placed in priority order, each at
// the first of its candidate offsets that overlaps neither an asset marker
// nor a label placed before it. Labels that must stay (county and
// neighbour names) take their least crowded candidate; others are hidden
// when no candidate is free.

export type LabelAnchor = "centre" | "right";

export interface LayoutLabel {
  element: HTMLElement | undefined;
  anchor: LabelAnchor;
  // Lower numbers are placed first.
  priority: number;
  required: boolean;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

// Offsets in CSS pixels from the label's natural position.
const centreCandidates: Array<[number, number]> = [[0, 0], [0, -16], [0, 16], [-36, 0], [36, 0], [0, -30], [0, 30], [-36, -16], [36, 16]];
// Gaps between a point symbol and a label beside it, in CSS pixels: the
// nearer one beside a bare airport symbol, the wider one clears a 20 px base
// marker standing on the airport.
const sideGapsPx = [9, 14];
const marginPx = 2;

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right + marginPx && b.left < a.right + marginPx && a.top < b.bottom + marginPx && b.top < a.bottom + marginPx;
}

function boxOf(element: Element): Box {
  const rect = element.getBoundingClientRect();
  return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
}

function candidateBoxes(anchorX: number, anchorY: number, width: number, height: number, anchor: LabelAnchor) {
  if (anchor === "right") {
    const top = anchorY - height / 2;
    return sideGapsPx.flatMap((gap) => [
      { offset: [gap, -height / 2] as [number, number], box: { left: anchorX + gap, top, right: anchorX + gap + width, bottom: top + height } },
      { offset: [-gap - width, -height / 2] as [number, number], box: { left: anchorX - gap - width, top, right: anchorX - gap, bottom: top + height } },
    ]);
  }

  return centreCandidates.map(([dx, dy]) => {
    const left = anchorX - width / 2 + dx;
    const top = anchorY - height / 2 + dy;
    return { offset: [dx - width / 2, dy - height / 2] as [number, number], box: { left, top, right: left + width, bottom: top + height } };
  });
}

function inside(box: Box, frame: Box): boolean {
  return box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom;
}

// A candidate that sticks out of the map (frame) counts as crowded, so a
// label at the edge moves inwards where it can.
export function layoutLabels(labels: LayoutLabel[], obstacles: Element[], frame: Element): void {
  const frameBox = boxOf(frame);
  const placed: Box[] = obstacles.map(boxOf).filter((box) => box.right > box.left);
  const ordered = [...labels].sort((a, b) => a.priority - b.priority);

  for (const label of ordered) {
    const text = label.element?.firstElementChild as HTMLElement | null | undefined;
    if (!label.element || !text || label.element.offsetParent === null) {
      continue;
    }

    const anchor = boxOf(label.element);
    const candidates = candidateBoxes(anchor.left, anchor.top, text.offsetWidth, text.offsetHeight, label.anchor);
    const crowding = candidates.map(({ box }) => placed.filter((other) => overlaps(box, other)).length + (inside(box, frameBox) ? 0 : 1));
    let choice = crowding.indexOf(0);

    if (choice === -1 && label.required) {
      choice = crowding.indexOf(Math.min(...crowding));
    }
    if (choice === -1) {
      text.style.visibility = "hidden";
      continue;
    }

    const { offset, box } = candidates[choice]!;
    text.style.visibility = "";
    text.style.transform = `translate(${offset[0]}px, ${offset[1]}px)`;
    placed.push(box);
  }
}
