// The most recent scans, newest first, with the full card number kept inside the core only,
// so the POS and the screen can refer to a scanned card by its scanId.
import type { Scan } from '../contract';

export interface StoredScan {
  scan: Scan;
  /** Never leaves the core. */
  cardNumber?: string;
  pin?: string;
}

export class RecentScans {
  private readonly scans: StoredScan[] = [];

  constructor(private readonly capacity = 200) {}

  add(stored: StoredScan): void {
    this.scans.unshift(stored);
    if (this.scans.length > this.capacity) this.scans.pop();
  }

  get(scanId: string): StoredScan | undefined {
    return this.scans.find((s) => s.scan.scanId === scanId);
  }

  /** Newest first; with `after`, only those newer than that scan. */
  list(after?: string): Scan[] {
    const out: Scan[] = [];
    for (const s of this.scans) {
      if (after && s.scan.scanId === after) break;
      out.push(s.scan);
    }
    return out;
  }
}
