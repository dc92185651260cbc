export interface AircraftLabel {
  element: HTMLElement | undefined;
  fleet: boolean;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

// Hides every aircraft label that would overlap one already shown, own fleet
// first. Reads all boxes before writing any class, so the browser lays out
// once per pass. Hidden labels keep their box (visibility, not display), so
// the next pass can measure them again.
export function declutterLabels(aircraft: AircraftLabel[]): void {
  const ordered = [...aircraft].sort((a, b) => Number(b.fleet) - Number(a.fleet));
  const labels = ordered.map((entry) => entry.element?.querySelector<HTMLElement>(".ac-label") ?? null);
  const boxes = labels.map((label) => label?.getBoundingClientRect() ?? null);

  const placed: Box[] = [];
  const hidden = boxes.map((box) => {
    if (!box || box.width === 0) {
      return false;
    }
    if (placed.some((other) => overlaps(box, other))) {
      return true;
    }
    placed.push(box);
    return false;
  });

  labels.forEach((label, index) => label?.classList.toggle("ac-label-hidden", hidden[index]));
}
