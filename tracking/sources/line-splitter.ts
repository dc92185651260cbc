/**
 * Splits a byte stream into text lines at LF, whatever the chunk
 * boundaries, and drops a trailing CR. Lines are read as latin1 because
 * the SBS and AVR formats are ASCII, and latin1 maps every byte to one
 * character so garbage bytes cannot break decoding.
 *
 * A line longer than `maxLineBytes` is reported once through
 * `onOversize` and discarded up to the next LF, so a peer that never
 * sends a newline cannot grow the buffer without bound.
 */
export interface LineSplitterOptions {
  maxLineBytes: number;
  onLine: (line: string) => void;
  onOversize: () => void;
}

/** Longer than any SBS (about 150 bytes) or AVR (42 bytes) line. */
export const DEFAULT_MAX_LINE_BYTES = 1024;

const LF = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private discarding = false;

  constructor(private readonly options: LineSplitterOptions) {}

  push(chunk: Uint8Array): void {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    while (start < buffer.length) {
      const newline = buffer.indexOf(LF, start);
      if (newline < 0) {
        this.keep(buffer.subarray(start));
        return;
      }

      this.keep(buffer.subarray(start, newline));
      this.finishLine();
      start = newline + 1;
    }
  }

  /** Hands over a last line that had no LF, as at the end of a file or a closed connection. */
  end(): void {
    if (this.pendingBytes > 0 || this.discarding) {
      this.finishLine();
    }
  }

  private keep(part: Buffer): void {
    if (this.discarding || part.length === 0) {
      return;
    }
    if (this.pendingBytes + part.length > this.options.maxLineBytes) {
      this.discarding = true;
      this.pending = [];
      this.pendingBytes = 0;
      this.options.onOversize();
      return;
    }

    // Copy, because the socket may reuse the chunk's memory.
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
  }

  private finishLine(): void {
    if (this.discarding) {
      this.discarding = false;
      return;
    }

    let line = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (line.length > 0 && line[line.length - 1] === CR) {
      line = line.subarray(0, line.length - 1);
    }
    this.options.onLine(line.toString("latin1"));
  }
}
