import { readBits, readMeBits } from './bits.js';
import { crcSyndrome } from './crc.js';
import { rejected, decoded, type DecodeResult } from './errors.js';
import { formatIcaoAddress } from './hex.js';
import { decodeIdentification } from './identification.js';
import { decodeAirbornePosition } from './airborne-position.js';
import { decodeSurfacePosition } from './surface-position.js';
import { decodeAirborneVelocity } from './velocity.js';
import { decodeSquawk } from './squawk.js';
import type { ExtendedSquitterBase, ModeSMessage } from './messages.js';

/**
 * Messages are built as { kind, ...base, ...fields }: V8 (Node 20) runs a
 * spread that follows a literal property about 70 times slower.
 *
 * DF17 (ADS-B from a transponder) and DF18 (ADS-B from a non-transponder
 * device, TIS-B or ADS-R). Source: DO-260B 2.2.3.
 *
 * Frame bits: DF(1-5) CA/CF(6-8) AA(9-32, ICAO address in the clear)
 *             ME(33-88) PI(89-112, plain CRC-24, syndrome must be 0).
 * ME type code (ME bits 1-5): 1-4 identification, 5-8 surface position,
 * 9-18 airborne position (barometric), 19 velocity, 20-22 airborne
 * position (GNSS), 28 aircraft status. Other type codes come back as
 * `extended_squitter_other` with their header only.
 */
export function decodeExtendedSquitter(frame: Uint8Array, df: 17 | 18): DecodeResult<ModeSMessage> {
  const syndrome = crcSyndrome(frame);
  if (syndrome !== 0) {
    return rejected('bad_crc', {
      field: 'crc',
      expected: 'syndrome 000000',
      got: formatIcaoAddress(syndrome),
      messageZh: `CRC 校验失败：余数 ${formatIcaoAddress(syndrome)}，应为 000000`,
    });
  }

  const base = readBase(frame, df);
  const typeCode = base.typeCode;

  if (typeCode >= 1 && typeCode <= 4) {
    return decoded({ kind: 'identification', ...base, ...decodeIdentification(frame, typeCode) });
  }
  if (typeCode >= 5 && typeCode <= 8) {
    return decoded({ kind: 'surface_position', ...base, ...decodeSurfacePosition(frame) });
  }
  if ((typeCode >= 9 && typeCode <= 18) || (typeCode >= 20 && typeCode <= 22)) {
    return decoded({ kind: 'airborne_position', ...base, ...decodeAirbornePosition(frame, typeCode) });
  }
  if (typeCode === 19) {
    return decodeVelocityMessage(frame, base);
  }
  if (typeCode === 28 && readMeBits(frame, 6, 3) === 1) {
    // ME: TC(1-5) ST(6-8) emergency state(9-11) Mode A code(12-24, ID13 layout).
    const status = { emergencyState: readMeBits(frame, 9, 3), squawk: decodeSquawk(readMeBits(frame, 12, 13)) };
    return decoded({ kind: 'aircraft_status', ...base, ...status });
  }
  return decoded({ kind: 'extended_squitter_other', ...base });
}

function readBase(frame: Uint8Array, df: 17 | 18): ExtendedSquitterBase {
  const capabilityOrControl = readBits(frame, 6, 3);
  return {
    df,
    icao: formatIcaoAddress(readBits(frame, 9, 24)),
    addressSource: 'clear',
    typeCode: readMeBits(frame, 1, 5),
    capabilityOrControl,
    addressIsIcao: addressIsIcao(df, capabilityOrControl),
  };
}

function addressIsIcao(df: 17 | 18, controlField: number): boolean | null {
  if (df === 17 || controlField === 0) {
    return true;
  }
  if (controlField === 1 || controlField === 5) {
    return false;
  }
  return null;
}

function decodeVelocityMessage(frame: Uint8Array, base: ExtendedSquitterBase): DecodeResult<ModeSMessage> {
  const subtype = readMeBits(frame, 6, 3);
  if (subtype < 1 || subtype > 4) {
    return rejected('unsupported_type_code', {
      field: 'velocity subtype',
      expected: '1-4',
      got: String(subtype),
      messageZh: `不支持的速度报文子类型：${subtype}`,
    });
  }
  return decoded({ kind: 'airborne_velocity', ...base, ...decodeAirborneVelocity(frame) });
}
