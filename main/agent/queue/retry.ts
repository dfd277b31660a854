// When a queued item that did not go through is tried again: the policies the delivery worker takes.
import { retryDelay } from '../backoff';

export interface RetryPolicy {
  /** When to try an item again, after `attempts` tries; Retry-After wins when Centegra sent one. */
  nextDelayMs(attempts: number, retryAfterMs: number | undefined): number;
}

/** Exponential backoff with full jitter from 1 s to 5 min, after a 250 ms floor; Retry-After wins. */
export const backoffRetry = (
  policy = { baseMs: 1000, capMs: 300_000, floorMs: 250 },
  random?: () => number,
): RetryPolicy => ({
  nextDelayMs: (attempts, retryAfterMs) => retryDelay(attempts, retryAfterMs, policy, random),
});

export const fixedRetry = (ms: number): RetryPolicy => ({
  nextDelayMs: (_a, retryAfter) => Math.max(ms, retryAfter ?? 0),
});
