import type { AirbornePosition } from './airborne-position.js';
import type { Identification } from './identification.js';
import type { SurfacePosition } from './surface-position.js';
import type { AirborneVelocity } from './velocity.js';

/**
 * Origin of the ICAO address: sent in the clear (DF11/17/18), or
 * recovered as the CRC syndrome of an Address/Parity frame
 * (DF0/4/5/16/20/21), which any corrupted frame also produces. Create
 * aircraft only from 'clear'.
 */
export type AddressSource = 'clear' | 'parity';

export interface MessageBase {
  df: number;
  /** ICAO 24-bit address, 6 uppercase hex digits. */
  icao: string;
  addressSource: AddressSource;
}

export interface ExtendedSquitterBase extends MessageBase {
  df: 17 | 18;
  typeCode: number;
  /** CA for DF17 (transponder capability), CF for DF18 (source kind). */
  capabilityOrControl: number;
  /**
   * True when the address is an ICAO 24-bit address: always for DF17,
   * and for DF18 with CF 0. False for DF18 CF 1 and 5 (anonymous or
   * ground vehicle addresses). Null for TIS-B and ADS-R (CF 2, 3, 6),
   * because their IMF bit is not decoded here.
   */
  addressIsIcao: boolean | null;
}

export type IdentificationMessage = ExtendedSquitterBase & Identification & { kind: 'identification' };
export type AirbornePositionMessage = ExtendedSquitterBase & AirbornePosition & { kind: 'airborne_position' };
export type SurfacePositionMessage = ExtendedSquitterBase & SurfacePosition & { kind: 'surface_position' };
export type AirborneVelocityMessage = ExtendedSquitterBase & AirborneVelocity & { kind: 'airborne_velocity' };

/** DF17/18 type code 28 subtype 1: emergency state and Mode A code. */
export interface AircraftStatusMessage extends ExtendedSquitterBase {
  kind: 'aircraft_status';
  /** 0 none, 1 general, 2 lifeguard/medical, 3 minimum fuel, 4 no communications, 5 unlawful interference, 6 downed aircraft. */
  emergencyState: number;
  squawk: string;
}

/** DF17/18 with a type code this decoder does not read (0, 23-27, 29-31, 28 subtype 2). */
export interface OtherExtendedSquitterMessage extends ExtendedSquitterBase {
  kind: 'extended_squitter_other';
}

export interface SurveillanceBase extends MessageBase {
  addressSource: 'parity';
  /** FS field: 0/2 airborne, 1/3 on ground, 4/5 either; 2-4 alert, 4/5 SPI. */
  flightStatus: number;
  /** From FS; null when FS leaves it open (4, 5). */
  onGround: boolean | null;
  alert: boolean;
  spi: boolean;
}

/** DF4 surveillance altitude reply or DF20 Comm-B altitude reply. */
export interface SurveillanceAltitudeMessage extends SurveillanceBase {
  kind: 'surveillance_altitude';
  df: 4 | 20;
  altitudeM: number | null;
}

/** DF5 surveillance identity reply or DF21 Comm-B identity reply. */
export interface SurveillanceIdentityMessage extends SurveillanceBase {
  kind: 'surveillance_identity';
  df: 5 | 21;
  squawk: string;
}

/** DF0 short or DF16 long air-air (ACAS) surveillance: altitude only. */
export interface AirToAirMessage extends MessageBase {
  kind: 'air_to_air';
  df: 0 | 16;
  addressSource: 'parity';
  altitudeM: number | null;
  /** VS bit: true when the aircraft reports it is on the ground. */
  onGround: boolean;
}

/** DF11 all-call reply: address and capability, no position or altitude. */
export interface AllCallMessage extends MessageBase {
  kind: 'all_call';
  df: 11;
  addressSource: 'clear';
  capability: number;
  /** II or SI code of the interrogator, recovered from the parity overlay; 0 for spontaneous acquisition squitters. */
  interrogatorCode: number;
}

/** A decoded Mode S frame, discriminated by `kind`. Units are metric, converted once here. */
export type ModeSMessage =
  | IdentificationMessage
  | AirbornePositionMessage
  | SurfacePositionMessage
  | AirborneVelocityMessage
  | AircraftStatusMessage
  | OtherExtendedSquitterMessage
  | SurveillanceAltitudeMessage
  | SurveillanceIdentityMessage
  | AirToAirMessage
  | AllCallMessage;

export type ModeSMessageKind = ModeSMessage['kind'];
