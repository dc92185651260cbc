// Bucket shuttle between a fire and a water source.
//
//   turnMin = 2 x water distance / bucket cruise speed x 60 + BUCKET_FILL_DROP_MIN
//   dropsPerHour = 60 / turnMin
//
// BUCKET_FILL_DROP_MIN covers the approach, dip and climb-out at the water
// (about 1.5 min) and the run-in and release over the fire (about 1.5 min).
// NOTE: a planning estimate of this service; crews report real turn times
// that vary with terrain, wind and the water's size.
export const BUCKET_FILL_DROP_MIN = 3;

export interface BucketShuttle {
  turnMin: number;
  dropsPerHour: number;
  litresPerHour: number;
}

export function bucketShuttle(waterDistanceKm: number, bucketCruiseSpeedKmh: number, bucketCapacityL: number): BucketShuttle {
  const turnMin = ((2 * waterDistanceKm) / bucketCruiseSpeedKmh) * 60 + BUCKET_FILL_DROP_MIN;
  const dropsPerHour = 60 / turnMin;
  return { turnMin, dropsPerHour, litresPerHour: dropsPerHour * bucketCapacityL };
}

// The calendar month (1-12) at `at` in Asia/Shanghai, the time zone in which
// water sources record their frozen months.
export function shanghaiMonth(at: Date): number {
  const month = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Shanghai", month: "numeric" }).format(at);
  return Number(month);
}
