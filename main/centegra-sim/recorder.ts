// Every API request the simulator saw, in order, so a test can assert what the agent sent and
// what it was told. Admin calls (/__sim/...) are not recorded: they are the test talking.

export interface RecordedRequest {
  seq: number;
  /** When the request arrived (ISO 8601). */
  at: string;
  method: string;
  /** API path without the base, e.g. '/cards/inquiry'. */
  path: string;
  requestId?: string;
  body: unknown;
  /** null when the connection was dropped without an answer. */
  status: number | null;
  replayed: boolean;
  /** Which fault acted, e.g. 'down', 'latency', 'error', 'drop-after-processing'. */
  fault?: string;
  apiKeyPresent: boolean;
  durationMs: number;
}

/** A long-running standalone simulator must not grow without bound; tests never come near this. */
const MAX_RECORDED = 10_000;

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private seq = 0;

  add(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    this.seq += 1;
    const recorded = { seq: this.seq, ...entry };
    this.entries.push(recorded);
    if (this.entries.length > MAX_RECORDED) this.entries.splice(0, this.entries.length - MAX_RECORDED);
    return recorded;
  }

  /** Copies, so a test cannot change the log by changing what it was given. */
  list(): RecordedRequest[] {
    return structuredClone(this.entries);
  }

  /** Forgets the entries; seq keeps counting so entries stay unique over a run. */
  clear(): void {
    this.entries = [];
  }

  reset(): void {
    this.entries = [];
    this.seq = 0;
  }
}
