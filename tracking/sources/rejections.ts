import type { RejectReason as FormatRejectReason } from "../formats/rejection.js";
import type { RejectReason } from "../observation.js";

/**
 * Maps a format parser's reason onto the per-source reject reason.
 * Returns null for empty lines and heartbeats, which are normal traffic.
 */
export function sourceRejectReason(reason: FormatRejectReason): RejectReason | null {
  switch (reason) {
    case "empty":
    case "heartbeat":
      return null;
    case "duplicate":
      return "duplicate";
    case "bad_crc":
      return "bad_crc";
    case "unsupported":
      return "unsupported";
    case "out_of_range":
      return "out_of_range";
    case "unparseable":
    case "invalid_hex":
    case "bad_length":
      return "unparseable";
  }
}
