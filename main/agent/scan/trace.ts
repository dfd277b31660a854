// The last codes each scanner produced, as the Scanners panel shows them: raw bytes in hex beside
// how they were read, so a wrong suffix or keyboard layout can be fixed on site. Card numbers are
// money: any run of 8 or more digits keeps only its last 4, in the hex and in the text.
import type { ScanTrace } from '../contract';
import type { ScanOutcome } from './service';
import type { RawScan } from './types';

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** Positions of bytes that belong to a digit run of 8+ and are not among its last 4. */
function maskedPositions(bytes: Uint8Array): Set<number> {
  const hidden = new Set<number>();
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const digit = i < bytes.length && isDigit(bytes[i]!);
    if (digit && start === -1) start = i;
    if (!digit && start !== -1) {
      if (i - start >= 8) for (let j = start; j < i - 4; j++) hidden.add(j);
      start = -1;
    }
  }
  return hidden;
}

export function maskedHex(bytes: Uint8Array): string {
  const hidden = maskedPositions(bytes);
  return Array.from(bytes, (b, i) => (hidden.has(i) ? '••' : b.toString(16).padStart(2, '0'))).join(' ');
}

export function maskedText(text: string): string {
  return text.replace(/[0-9]{8,}/g, (run) => '•'.repeat(run.length - 4) + run.slice(-4));
}

export class TraceLog {
  private readonly traces: ScanTrace[] = [];

  constructor(private readonly capacity = 50) {}

  add(outcome: ScanOutcome, raw: RawScan): void {
    const { decoded, card, repeat } = outcome;
    this.traces.unshift({
      at: raw.at.toISOString(),
      deviceId: raw.source.deviceId,
      rawHex:
        maskedHex(raw.bytes.subarray(0, 512)) +
        (raw.bytes.length > 512 ? ` … (${raw.bytes.length} bytes)` : ''),
      ...(decoded.aim ? { aim: decoded.aim } : {}),
      ...(decoded.symbology ? { symbology: decoded.symbology } : {}),
      text: maskedText(decoded.text.slice(0, 512)),
      valid: card.ok,
      ...(card.ok ? { form: card.form } : { reason: card.reason }),
      repeat,
    });
    if (this.traces.length > this.capacity) this.traces.pop();
  }

  list(): ScanTrace[] {
    return this.traces.map((t) => ({ ...t }));
  }
}
