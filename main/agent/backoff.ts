// When to try again: exponential backoff with full jitter and a cap (AWS's "Exponential Backoff
// and Jitter"), so a till estate coming back after an outage does not hit Centegra in step.
// Pure; the random source is a parameter so tests can pin it.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** Uniform in [0, min(cap, base * 2^attempt)]. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.floor(random() * ceiling);
}

/**
 * The queue's retry delay after `attempts` tries: a small floor plus full jitter, never sooner
 * than Centegra's Retry-After when it sent one (429, 503).
 */
export function retryDelay(
  attempts: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy & { floorMs: number },
  random: () => number = Math.random,
): number {
  const jittered = policy.floorMs + backoffDelay(attempts - 1, policy, random);
  return Math.max(jittered, retryAfterMs ?? 0);
}
