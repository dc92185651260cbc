import type { Track } from "./track.js";

// Aircraft glyphs in a 24x24 box, nose up (track 0 = north); the layer
// rotates them to the track. Fill and stroke come from CSS, so that fleet,
// other traffic and stale tracks differ by class only.
const glyphs: Record<NonNullable<Track["category"]> | "unknown", string> = {
  fixed_wing:
    '<path d="M12 1.5L13.6 8.6L21.5 12.8V15L13.6 12.6L13.1 18.2L15.8 20.3V22L12 21L8.2 22V20.3L10.9 18.2L10.4 12.6L2.5 15V12.8L10.4 8.6Z"/>',
  helicopter:
    '<ellipse cx="12" cy="10.5" rx="3.4" ry="5"/><path class="glyph-line" d="M12 15.5V22M9.5 21.5H14.5M4 4L20 17M20 4L4 17"/>',
  drone:
    '<path class="glyph-line" d="M6 6L18 18M18 6L6 18"/><circle cx="5.5" cy="5.5" r="3"/><circle cx="18.5" cy="5.5" r="3"/>' +
    '<circle cx="5.5" cy="18.5" r="3"/><circle cx="18.5" cy="18.5" r="3"/><rect x="9.5" y="9.5" width="5" height="5" rx="1"/>',
  unknown: '<path d="M12 2.5L19.5 20.5L12 16.5L4.5 20.5Z"/>',
};

export function aircraftGlyph(category: Track["category"]): string {
  return `<svg class="ac-svg" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">${glyphs[category ?? "unknown"]}</svg>`;
}
