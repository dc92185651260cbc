// Reads one coordinate as planners type it in spreadsheets: decimal degrees
// (107.7409, -40.5, 107.7409E) or degrees-minutes-seconds with any of the
// usual marks (40°55'34.9"N, 107 44 27.3 E, N40°55′34.9″, 40度55分34.9秒,
// 40°55.58'N for degrees and decimal minutes). The hemisphere comes from a
// letter (N S E W) or a leading sign, not both.

export type Axis = "lon" | "lat";

export type CoordinateResult = { ok: true; degrees: number } | { ok: false; reason: "invalid_coordinate" | "wrong_hemisphere" };

const hemispheres: Record<string, { axis: Axis; sign: 1 | -1 }> = {
  N: { axis: "lat", sign: 1 },
  S: { axis: "lat", sign: -1 },
  E: { axis: "lon", sign: 1 },
  W: { axis: "lon", sign: -1 },
  北: { axis: "lat", sign: 1 },
  南: { axis: "lat", sign: -1 },
  东: { axis: "lon", sign: 1 },
  西: { axis: "lon", sign: -1 },
};

// Up to three numbers separated by degree, minute and second marks or spaces.
const numberPart = String.raw`(\d+(?:\.\d+)?)`;
const separator = String.raw`\s*(?:[°º度:'′’分"″”秒]|''|\s)\s*`;
const dmsPattern = new RegExp(`^${numberPart}(?:${separator}${numberPart})?(?:${separator}${numberPart})?(?:${separator})?$`);

export function parseCoordinate(text: string, axis: Axis): CoordinateResult {
  let body = text.trim().toUpperCase().replace(/,/g, ".");
  if (body === "") {
    return { ok: false, reason: "invalid_coordinate" };
  }

  let sign: 1 | -1 = 1;
  let hemisphere: string | undefined;
  const leading = /^([NSEW北南东西])\s*/.exec(body);
  const trailing = /\s*([NSEW北南东西])$/.exec(body);
  if (leading) {
    hemisphere = leading[1];
    body = body.slice(leading[0].length);
  } else if (trailing) {
    hemisphere = trailing[1];
    body = body.slice(0, body.length - trailing[0].length);
  }

  if (body.startsWith("-") || body.startsWith("+")) {
    if (hemisphere) {
      return { ok: false, reason: "invalid_coordinate" };
    }
    sign = body.startsWith("-") ? -1 : 1;
    body = body.slice(1).trim();
  }

  if (hemisphere) {
    const meaning = hemispheres[hemisphere]!;
    if (meaning.axis !== axis) {
      return { ok: false, reason: "wrong_hemisphere" };
    }
    sign = meaning.sign;
  }

  const match = dmsPattern.exec(body);
  if (!match) {
    return { ok: false, reason: "invalid_coordinate" };
  }
  const degrees = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  const seconds = match[3] === undefined ? 0 : Number(match[3]);

  // Minutes and seconds past 59.999 are typing errors, and a fraction is only
  // allowed on the last number given (40.5°30' means nothing).
  if (minutes >= 60 || seconds >= 60) {
    return { ok: false, reason: "invalid_coordinate" };
  }
  if ((match[2] !== undefined && !Number.isInteger(degrees)) || (match[3] !== undefined && !Number.isInteger(minutes))) {
    return { ok: false, reason: "invalid_coordinate" };
  }

  return { ok: true, degrees: sign * (degrees + minutes / 60 + seconds / 3600) };
}
