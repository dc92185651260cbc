// One aircraft's stored history in a replay window, in time order.
export interface ReplayTrack {
  icaoAddress: string;
  label: string;
  timesMs: number[];
  lonLats: Array<[number, number]>;
}

// Returns where the aircraft was at timeMs, interpolated linearly between
// the two stored positions around it, or null before its first or after its
// last stored position. Linear interpolation in degrees is close enough
// between positions a few seconds apart.
export function positionAt(track: ReplayTrack, timeMs: number): [number, number] | null {
  const times = track.timesMs;
  if (times.length === 0 || timeMs < times[0]! || timeMs > times[times.length - 1]!) {
    return null;
  }

  let low = 0;
  let high = times.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (times[middle]! <= timeMs) {
      low = middle;
    } else {
      high = middle;
    }
  }

  const [lonA, latA] = track.lonLats[low]!;
  const [lonB, latB] = track.lonLats[high]!;
  const spanMs = times[high]! - times[low]!;
  const fraction = spanMs === 0 ? 0 : (timeMs - times[low]!) / spanMs;
  return [lonA + (lonB - lonA) * fraction, latA + (latB - latA) * fraction];
}
