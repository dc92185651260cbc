import { readBits } from './bits.js';
import { crcSyndrome } from './crc.js';
import { rejected, decoded, type DecodeResult } from './errors.js';
import { formatIcaoAddress } from './hex.js';
import { decodeAltitude13Ft, feetToMetres } from './altitude.js';
import { decodeSquawk } from './squawk.js';
import type { ModeSMessage, SurveillanceBase } from './messages.js';

/**
 * Mode S replies other than extended squitter.
 * Source: ICAO Annex 10 Vol IV 3.1.2.5 and 3.1.2.8; "The 1090 MHz
 * Riddle", Mode S chapters.
 *
 * DF4/20: DF(1-5) FS(6-8) DR(9-13) UM(14-19) AC(20-32) [MB(33-88) DF20] AP
 * DF5/21: DF(1-5) FS(6-8) DR(9-13) UM(14-19) ID(20-32) [MB(33-88) DF21] AP
 * DF0/16: DF(1-5) VS(6) ... AC(20-32) ... AP
 * DF11:   DF(1-5) CA(6-8) AA(9-32) PI(33-56)
 *
 * AP (Address/Parity) is CRC-24 XOR the address, so the address is
 * recovered as the CRC syndrome and the frame cannot be checked: a
 * corrupted frame yields a wrong address. NOTE: a Comm-B reply to a
 * BDS-specific interrogation may overlay its parity with the BDS
 * (data parity); such frames also yield a wrong address here.
 * DF11 PI is CRC-24 XOR the interrogator code (II or SI, at most
 * 6 bits), so a valid DF11 has a syndrome below 0x80.
 */

export function decodeAllCall(frame: Uint8Array): DecodeResult<ModeSMessage> {
  const syndrome = crcSyndrome(frame);
  if ((syndrome & 0xffff80) !== 0) {
    return rejected('bad_crc', {
      field: 'crc',
      expected: 'syndrome below 000080 (interrogator code)',
      got: formatIcaoAddress(syndrome),
      messageZh: `DF11 CRC 校验失败：余数 ${formatIcaoAddress(syndrome)}`,
    });
  }

  return decoded({
    kind: 'all_call',
    df: 11,
    icao: formatIcaoAddress(readBits(frame, 9, 24)),
    addressSource: 'clear',
    capability: readBits(frame, 6, 3),
    interrogatorCode: syndrome,
  });
}

export function decodeSurveillanceAltitude(frame: Uint8Array, df: 4 | 20): DecodeResult<ModeSMessage> {
  const altitudeFt = decodeAltitude13Ft(readBits(frame, 20, 13));
  return decoded({
    kind: 'surveillance_altitude',
    ...readSurveillanceBase(frame, df),
    df,
    altitudeM: altitudeFt === null ? null : feetToMetres(altitudeFt),
  });
}

export function decodeSurveillanceIdentity(frame: Uint8Array, df: 5 | 21): DecodeResult<ModeSMessage> {
  return decoded({
    kind: 'surveillance_identity',
    ...readSurveillanceBase(frame, df),
    df,
    squawk: decodeSquawk(readBits(frame, 20, 13)),
  });
}

export function decodeAirToAir(frame: Uint8Array, df: 0 | 16): DecodeResult<ModeSMessage> {
  const altitudeFt = decodeAltitude13Ft(readBits(frame, 20, 13));
  return decoded({
    kind: 'air_to_air',
    df,
    icao: formatIcaoAddress(crcSyndrome(frame)),
    addressSource: 'parity',
    altitudeM: altitudeFt === null ? null : feetToMetres(altitudeFt),
    onGround: readBits(frame, 6, 1) === 1,
  });
}

function readSurveillanceBase(frame: Uint8Array, df: number): SurveillanceBase {
  const flightStatus = readBits(frame, 6, 3);
  return {
    df,
    icao: formatIcaoAddress(crcSyndrome(frame)),
    addressSource: 'parity',
    flightStatus,
    onGround: onGroundFromFlightStatus(flightStatus),
    alert: flightStatus >= 2 && flightStatus <= 4,
    spi: flightStatus === 4 || flightStatus === 5,
  };
}

/** Maps FS to on-ground: 0 and 2 airborne, 1 and 3 on the ground, 4 and 5 unknown. */
function onGroundFromFlightStatus(flightStatus: number): boolean | null {
  if (flightStatus === 1 || flightStatus === 3) {
    return true;
  }
  if (flightStatus === 0 || flightStatus === 2) {
    return false;
  }
  return null;
}
