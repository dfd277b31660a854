// The scan -> card bench's trace (SCAN_BENCH_TRACE=1): the marks bench/scan-trace-preload.mjs
// took inside the agent, put beside this process's own (bytes written, card event read), all on
// the system's monotonic clock, split each scan into its legs. Pure: marks in, a report out.
import { round, stats } from './lib';

export type Mark = [what: string, startMs: number, endMs: number];

/** The system's monotonic clock in ms, as the preload reads it in the agent. */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

export interface TimedScan {
  /** Just before the bench wrote the code to the pty. */
  written: number;
  /** When the chunk completing the scan's `card` event was read. */
  read: number;
}

const LEGS = [
  ['pty hop: written -> read by the agent', 'written', 'read'],
  ['agent: read -> Centegra request handed to the kernel', 'read', 'requestEnd'],
  ['  read -> `scan` event write starts', 'read', 'scanStart'],
  ['  the `scan` event write', 'scanStart', 'scanEnd'],
  ['  `scan` event written -> Centegra request write starts', 'scanEnd', 'requestStart'],
  ['  the Centegra request write', 'requestStart', 'requestEnd'],
  ['Centegra: request -> answer arrived', 'requestEnd', 'answer'],
  ['agent: answer -> `card` event write starts', 'answer', 'cardStart'],
  ['  the `card` event write', 'cardStart', 'cardEnd'],
  ['hop back: `card` event write starts -> read by the bench', 'cardStart', 'cardRead'],
  ['(after) `card` event -> log line written', 'cardEnd', 'logEnd'],
] as const;

/** p50 and mean of each leg over `scans` (each matched to the first marks after its write). */
export function traceReport(marks: Mark[], scans: TimedScan[]): string {
  const sorted = [...marks].sort((a, b) => a[1] - b[1]);
  const next = (what: string, after: number) => sorted.find((m) => m[0] === what && m[1] >= after);
  const legs = new Map<string, number[]>(LEGS.map(([name]) => [name, []]));
  const share: number[] = [];
  let unmatched = 0;
  const missing = new Map<string, number>();
  const miss = (what: string) => missing.set(what, (missing.get(what) ?? 0) + 1);
  for (const s of scans) {
    const read = next('read', s.written);
    const scan = read && next('scan event write', read[1]);
    const request = read && next('centegra write', read[1]);
    const answer = request && next('centegra answer', request[2]);
    const card = answer && next('card event write', answer[1]);
    const log = card && next('log line', card[2]);
    if (!read || !scan || !request || !answer || !card || !log || card[1] > s.read) {
      unmatched++;
      miss(
        !read
          ? 'read'
          : !scan
            ? 'scan'
            : !request
              ? 'request'
              : !answer
                ? 'answer'
                : !card
                  ? 'card'
                  : !log
                    ? 'log'
                    : 'late',
      );
      continue;
    }
    const t = {
      written: s.written,
      read: read[1],
      scanStart: scan[1],
      scanEnd: scan[2],
      requestStart: request[1],
      requestEnd: request[2],
      answer: answer[1],
      cardStart: card[1],
      cardEnd: card[2],
      cardRead: s.read,
      logEnd: log[2],
    };
    for (const [name, from, to] of LEGS) legs.get(name)!.push(t[to] - t[from]);
    share.push(t.requestEnd - t.read + (t.cardStart - t.answer));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const lines = [...legs].map(
    ([name, xs]) => `  ${name}: p50 ${round(stats(xs).p50, 3)} ms, mean ${round(mean(xs), 3)} ms`,
  );
  return [
    `scan -> card legs over ${share.length} scans (${unmatched} not matched${missing.size ? `: ${[...missing].map(([k, n]) => `${k} ${n}`).join(', ')}` : ''}):`,
    ...lines,
    `  the agent's own share (its two legs): p50 ${round(stats(share).p50, 3)} ms, p99 ${round(stats(share).p99, 3)} ms`,
  ].join('\n');
}
