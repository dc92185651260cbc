/**
 * Streaming Beast binary framer (dump1090 and readsb port 30005).
 * Sources: flightaware/dump1090 net_io.c (writeBeastMessage, the Beast
 * reader loop); denzen84/beastblackbox README (Radarcape timestamps).
 *
 * Record: 0x1a, type, timestamp (6 bytes, big-endian), signal (1 byte),
 * payload. Types: '1' (0x31) Mode A/C, 2-byte payload; '2' (0x32) Mode
 * S short, 7 bytes; '3' (0x33) Mode S long, 14 bytes. Any 0x1a inside
 * timestamp, signal or payload is sent twice, so lengths count bytes
 * after un-escaping and a lone 0x1a always starts a new record. Other
 * types ('4' status, '5' and unknown) are skipped up to the next 0x1a.
 * An all-zero Mode A/C record is a heartbeat and is dropped.
 *
 * `push` accepts chunks split anywhere, even inside an escape pair, and
 * resynchronises on the next 0x1a after garbage.
 */

export type BeastFrameKind = 'mode_ac' | 'mode_s';

export interface BeastFrame {
  kind: BeastFrameKind;
  frame: Uint8Array;
  /**
   * 48-bit timestamp in ticks: a free-running 12 MHz counter on
   * dump1090/readsb (wraps, resets on restart), or GPS seconds-of-day
   * and nanoseconds on Radarcape receivers. Not clock time.
   */
  timestampTicks: number;
  /** Raw signal byte, round(sqrt(power) * 255) clamped to 1..255 by dump1090. */
  signalLevel: number;
}

/** Counters of what the framer skipped; the source layer reports them per feed. */
export interface BeastFramerStats {
  frames: number;
  heartbeats: number;
  /** Bytes outside any record: garbage, or a stream joined mid-record. */
  skippedBytes: number;
  /** Records of type '4', '5' or an unknown type, skipped. */
  unsupportedRecords: number;
  /** Records cut short by a lone 0x1a, dropped. */
  truncatedRecords: number;
}

const ESCAPE = 0x1a;
const HEADER_BYTES = 7;
const PAYLOAD_BYTES_BY_TYPE: Record<number, number> = { 0x31: 2, 0x32: 7, 0x33: 14 };
const MAX_RECORD_BYTES = HEADER_BYTES + 14;

const enum State {
  Seeking,
  ExpectType,
  InRecord,
}

/** 2^32, for building the 48-bit timestamp without losing precision in 32-bit operators. */
const TWO_POW_32 = 4294967296;

export function readSignalDbfs(signalLevel: number): number {
  return 20 * Math.log10(signalLevel / 255);
}

export class BeastFramer {
  readonly stats: BeastFramerStats = { frames: 0, heartbeats: 0, skippedBytes: 0, unsupportedRecords: 0, truncatedRecords: 0 };

  private state = State.Seeking;
  private escapePending = false;
  private recordType = 0;
  private recordLength = 0;
  private filled = 0;
  private readonly record = new Uint8Array(MAX_RECORD_BYTES);

  /** Feeds a chunk of the byte stream; returns the complete records it finished. */
  push(chunk: Uint8Array): BeastFrame[] {
    const frames: BeastFrame[] = [];
    for (const byte of chunk) {
      this.consume(byte, frames);
    }
    return frames;
  }

  private consume(byte: number, frames: BeastFrame[]): void {
    if (this.state === State.Seeking) {
      if (byte === ESCAPE) {
        this.state = State.ExpectType;
      } else {
        this.stats.skippedBytes++;
      }
      return;
    }

    if (this.state === State.ExpectType) {
      this.startRecord(byte);
      return;
    }

    if (this.escapePending) {
      this.escapePending = false;
      if (byte !== ESCAPE) {
        // A lone 0x1a: the record was cut short and this byte is the next record's type.
        this.stats.truncatedRecords++;
        this.startRecord(byte);
        return;
      }
    } else if (byte === ESCAPE) {
      this.escapePending = true;
      return;
    }

    this.record[this.filled++] = byte;
    if (this.filled === this.recordLength) {
      this.finishRecord(frames);
    }
  }

  private startRecord(typeByte: number): void {
    const payloadBytes = PAYLOAD_BYTES_BY_TYPE[typeByte];
    if (typeByte === ESCAPE) {
      // 0x1a 0x1a outside a record is an escaped data byte of a record we joined late.
      this.stats.skippedBytes += 2;
      this.state = State.Seeking;
      return;
    }
    if (payloadBytes === undefined) {
      this.stats.unsupportedRecords++;
      this.state = State.Seeking;
      return;
    }

    this.recordType = typeByte;
    this.recordLength = HEADER_BYTES + payloadBytes;
    this.filled = 0;
    this.escapePending = false;
    this.state = State.InRecord;
  }

  private finishRecord(frames: BeastFrame[]): void {
    this.state = State.Seeking;
    const record = this.record;
    const payload = record.slice(HEADER_BYTES, this.recordLength);

    if (this.recordType === 0x31 && payload[0] === 0 && payload[1] === 0) {
      this.stats.heartbeats++;
      return;
    }

    const timestampHigh = (record[0]! << 8) | record[1]!;
    const timestampLow = ((record[2]! << 24) | (record[3]! << 16) | (record[4]! << 8) | record[5]!) >>> 0;
    this.stats.frames++;
    frames.push({
      kind: this.recordType === 0x31 ? 'mode_ac' : 'mode_s',
      frame: payload,
      timestampTicks: timestampHigh * TWO_POW_32 + timestampLow,
      signalLevel: record[6]!,
    });
  }
}
