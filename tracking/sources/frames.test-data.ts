/**
 * Mode S frames with published decoded values, copied from
 * tracking/fixtures/adsb/vectors.jsonl.
 */

/** Even/odd airborne position pair of 40621D at 38000 ft; lat 52.2572, lon 3.91937 with the even frame newer ("The 1090 MHz Riddle", airborne position chapter). */
export const POSITION_EVEN = "8D40621D58C382D690C8AC2863A7";
export const POSITION_ODD = "8D40621D58C386435CC412692AD6";
export const POSITION_LAT_DEG = 52.2572;
export const POSITION_LON_DEG = 3.91937;
export const POSITION_ICAO = "40621D";

/** Identification of 406B90, callsign EZY85MH (pyModeS tests/test_bds08.py). */
export const IDENTIFICATION = "8D406B902015A678D4D220AA4BDA";
export const IDENTIFICATION_ICAO = "406B90";
export const IDENTIFICATION_CALLSIGN = "EZY85MH";

/**
 * Frames of the St Petersburg recording in
 * tracking/fixtures/adsb/feeds/beastblackbox_ulss7_2018-04-03.avr-mlat.txt,
 * decoded by our decoder.
 */
/** DF11 all-call reply from 400159, address in the clear. */
export const ALL_CALL_400159 = "5F4001594B0FBB";
/** DF5 identity reply whose parity yields 400159, squawk 1017. */
export const IDENTITY_400159 = "282018154A9D59";
/** DF20 altitude reply whose parity yields 400159, 815.34 m. */
export const ALTITUDE_400159 = "A0200233EA59BF163F57ECD3CB13";
/** DF17 velocity of 42460C: 775.23 km/h, track 169.8 deg. */
export const VELOCITY_42460C = "8D42460C99004BB3A00400AC8B64";
