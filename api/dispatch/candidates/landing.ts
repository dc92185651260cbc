// Landing-point suitability by aircraft type.
//
// A helicopter needs a clear area of about twice its D-value (overall length
// with rotors turning) to land off an airfield. NOTE: the factor 2 is a
// planning assumption of this service for unprepared sites; operators' own
// site rules take precedence. D-values in metres are the manufacturers'
// published overall lengths, rounded up to the next 0.5 m.
export const LANDING_SIZE_FACTOR = 2;

const dValueMByType: Record<string, number> = {
  "bell-412ep": 17.5,
  h125: 13,
  h135: 12.5,
  h145: 14,
  aw139: 17,
  "mi-171": 25.5,
  ac311a: 13,
  ac313: 23,
  "ka-32a11bc": 16,
  "k-max": 16,
  r44: 12,
};

// D-value assumed for a helicopter type missing from the table: the largest
// in it, so that an unknown type is never sent to a site too small for it.
const UNKNOWN_HELICOPTER_D_VALUE_M = 25.5;
// Multicopter drones in this fleet are under 3 m across.
const DRONE_D_VALUE_M = 3;

export interface LandingSite {
  sizeM: number;
  nightCapable: boolean;
}

// An aircraft type: its id and category.
export interface LandingAircraft {
  id: string;
  category: "helicopter" | "fixed_wing" | "drone";
}

// The side of the clear area a type needs, in metres; null for fixed wing,
// which needs a runway and cannot use a landing point.
export function requiredLandingSizeM(aircraft: LandingAircraft): number | null {
  if (aircraft.category === "fixed_wing") {
    return null;
  }
  if (aircraft.category === "drone") {
    return DRONE_D_VALUE_M * LANDING_SIZE_FACTOR;
  }
  return (dValueMByType[aircraft.id] ?? UNKNOWN_HELICOPTER_D_VALUE_M) * LANDING_SIZE_FACTOR;
}

// Tells whether the aircraft can land at the site now: large enough, and lit
// or otherwise approved for night landings when it is night.
export function canLand(site: LandingSite, aircraft: LandingAircraft, night: boolean): boolean {
  const requiredSizeM = requiredLandingSizeM(aircraft);
  if (requiredSizeM === null || site.sizeM < requiredSizeM) {
    return false;
  }
  return !night || site.nightCapable;
}
