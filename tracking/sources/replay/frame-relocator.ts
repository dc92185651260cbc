import { encodeAirbornePositionFrame } from "../../formats/encode/adsb-encoder.js";
import { CprPairer, decodeFrame } from "../../decoder/index.js";
import { relocateLonLat, isValidLonLat, type Relocation } from "../relocation.js";

/**
 * Moves the positions inside raw DF17/18 frames, so a replayed AVR or
 * Beast recording arrives already over Bayannur. Each airborne position
 * frame is decoded (CPR pairs per aircraft), shifted, and encoded again
 * with the same CPR format, altitude and type code. Frames whose
 * position cannot be resolved yet, surface positions and DF18 positions
 * (the encoder writes DF17 only) are dropped, because sending them
 * unchanged would put the aircraft back abroad.
 * Other frames pass unchanged.
 *
 * NOTE: a listener's own `relocate` setting is the better way, because
 * its stats then report `relocated: true`. This is for listeners without it.
 */
export class FrameRelocator {
  private readonly pairer = new CprPairer();
  dropped = 0;

  constructor(private readonly relocation: Relocation) {}

  /** Returns the frame to send, or null to drop it. */
  relocate(frame: Uint8Array, timeMs: number): Uint8Array | null {
    const decoded = decodeFrame(frame);
    if (!decoded.ok) {
      return frame;
    }

    const message = decoded.value;
    if (message.kind === "surface_position" || (message.kind === "airborne_position" && message.df === 18)) {
      this.dropped++;
      return null;
    }
    if (message.kind !== "airborne_position") {
      return frame;
    }

    const fix = this.pairer.resolve(message.icao, message.cpr, timeMs);
    const lonLat = fix.ok ? relocateLonLat([fix.value.lonDeg, fix.value.latDeg], this.relocation) : null;
    if (lonLat === null || !isValidLonLat(lonLat) || message.altitudeM === null || message.typeCode > 18) {
      this.dropped++;
      return null;
    }

    return encodeAirbornePositionFrame(
      { icao: message.icao, latDeg: lonLat[1], lonDeg: lonLat[0], altitudeM: message.altitudeM, typeCode: message.typeCode, capability: message.capabilityOrControl },
      message.cpr.format,
    );
  }
}
