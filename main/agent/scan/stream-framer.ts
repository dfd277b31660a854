// Splits a serial byte stream into codes: at a suffix (CR, LF, CRLF, Tab, or what the scanner is
// configured to send), or, for a scanner that sends none, after a pause between bytes. Pure: the
// caller feeds bytes with their arrival time and asks for an idle flush from its own timer.

import { MAX_SCAN_BYTES } from '../contract';
import { DEFAULT_SUFFIXES } from './decode';

/**
 * Past this a frame is garbage (a flood or a stuck device): it is dropped, never kept growing. It
 * is 64 bytes over the longest scan so that a code a little too long still reaches the decoder and
 * is refused with a reason the Scanners panel shows, rather than vanishing here.
 */
export const MAX_FRAME_BYTES = MAX_SCAN_BYTES + 64;

export interface Frame {
  /** The code's bytes, suffix included (the decoder strips it; the Scanners panel shows it). */
  bytes: Uint8Array;
  /** When its last byte arrived (ms, the caller's clock). */
  atMs: number;
}

export interface FramerEvents {
  /** Bytes dropped because a code grew past MAX_FRAME_BYTES. */
  dropped?: (count: number) => void;
}

export class StreamFramer {
  private readonly suffixes: Uint8Array[];
  private buffer = new Uint8Array(256);
  private length = 0;
  private lastByteMs = 0;
  /** A CR ended the last code: an LF straight after it belongs to that code's CRLF. */
  private swallowLf = false;

  constructor(
    suffixes: readonly string[] | undefined,
    private readonly gapMs: number,
    private readonly events: FramerEvents = {},
  ) {
    const list = suffixes ?? DEFAULT_SUFFIXES;
    // Longest first, so CRLF wins over CR at the same position.
    this.suffixes = [...list]
      .filter((s) => s.length > 0)
      .map((s) => new TextEncoder().encode(s))
      .sort((a, b) => b.length - a.length);
  }

  push(chunk: Uint8Array, atMs: number): Frame[] {
    const frames: Frame[] = [];
    // A long pause before this chunk ends whatever came before it.
    if (this.length > 0 && atMs - this.lastByteMs >= this.gapMs) {
      const idle = this.take(this.lastByteMs);
      if (idle) frames.push(idle);
    }
    for (const byte of chunk) {
      if (this.swallowLf) {
        this.swallowLf = false;
        if (byte === 0x0a && this.length === 0) continue;
      }
      this.append(byte);
      const suffix = this.suffixEndingHere();
      if (suffix) {
        const frame = this.take(atMs);
        if (frame) frames.push(frame);
        this.swallowLf = suffix.length === 1 && suffix[0] === 0x0d;
      }
    }
    this.lastByteMs = atMs;
    return frames;
  }

  /** The code waiting without a suffix, if the line has been quiet for gapMs. */
  flushIfIdle(nowMs: number): Frame | undefined {
    if (this.length === 0 || nowMs - this.lastByteMs < this.gapMs) return undefined;
    return this.take(this.lastByteMs);
  }

  /** How long until flushIfIdle could return a frame (for the caller's timer), or undefined. */
  idleDueInMs(nowMs: number): number | undefined {
    return this.length === 0 ? undefined : Math.max(0, this.gapMs - (nowMs - this.lastByteMs));
  }

  reset(): void {
    this.length = 0;
    this.swallowLf = false;
  }

  private append(byte: number): void {
    if (this.length >= MAX_FRAME_BYTES) {
      this.events.dropped?.(this.length);
      this.length = 0;
    }
    if (this.length === this.buffer.length) {
      const bigger = new Uint8Array(Math.min(MAX_FRAME_BYTES, this.buffer.length * 2));
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = byte;
  }

  private suffixEndingHere(): Uint8Array | undefined {
    for (const s of this.suffixes) {
      if (s.length > this.length) continue;
      let match = true;
      for (let i = 0; i < s.length; i++) {
        if (this.buffer[this.length - s.length + i] !== s[i]) {
          match = false;
          break;
        }
      }
      // A CR may be the start of CRLF: the LF is swallowed when it comes (see push).
      if (match) return s;
    }
    return undefined;
  }

  private take(atMs: number): Frame | undefined {
    const bytes = this.buffer.slice(0, this.length);
    this.length = 0;
    return bytes.length > 0 ? { bytes, atMs } : undefined;
  }
}
