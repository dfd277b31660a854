// One card held under a scanner (or scanned twice in a hurry) is one scan. Time comes from the
// scans themselves, so this stays pure and testable.

/** Entries kept at most: a till sees a few cards a minute; this only bounds a misbehaving device. */
const MAX_ENTRIES = 1000;

export class ScanDeduper {
  private readonly windowMs: number;
  /** Key -> when that card was last seen from that device; Map order is oldest sighting first. */
  private readonly lastSeen = new Map<string, number>();

  /** windowMs: config cards.dedupeMs (1500 by default); 0 turns deduplication off. */
  constructor(windowMs: number) {
    this.windowMs = Number.isFinite(windowMs) && windowMs > 0 ? windowMs : 0;
  }

  /**
   * True when this card from this device was already seen within the window (then it is not a
   * new scan). Every sighting, repeat or not, restarts the window: a presentation scanner reading
   * a card left lying on it many times a second yields one scan, not one every window. Other
   * devices are independent. A clock that steps back a little still counts as "within".
   */
  isRepeat(deviceId: string, cardNumber: string, at: Date): boolean {
    const now = at.getTime();
    if (!Number.isFinite(now) || this.windowMs === 0) return false;
    this.forgetBefore(now - this.windowMs);
    const key = `${deviceId}\u0000${cardNumber}`;
    const previous = this.lastSeen.get(key);
    this.lastSeen.delete(key);
    this.lastSeen.set(key, now);
    if (this.lastSeen.size > MAX_ENTRIES) {
      const oldest = this.lastSeen.keys().next();
      if (!oldest.done) this.lastSeen.delete(oldest.value);
    }
    return previous !== undefined && Math.abs(now - previous) < this.windowMs;
  }

  /** How many sightings are remembered (for tests: memory stays bounded). */
  get size(): number {
    return this.lastSeen.size;
  }

  private forgetBefore(cutoff: number): void {
    for (const [key, seen] of this.lastSeen) {
      if (seen > cutoff) break;
      this.lastSeen.delete(key);
    }
  }
}
