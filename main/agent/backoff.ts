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

/**
 * Sends again while the answer is unclear (`again`), up to `tries` in all, waiting the policy's
 * delay between tries: for a request that is safe to repeat (the same requestId is answered once).
 */
export async function retryWhile<T>(
  send: () => Promise<T>,
  again: (result: T) => boolean,
  options: { tries: number; policy: BackoffPolicy & { floorMs: number }; random?: () => number },
): Promise<T> {
  let result = await send();
  for (let attempt = 1; attempt < options.tries && again(result); attempt++) {
    const delay = retryDelay(attempt, undefined, options.policy, options.random);
    await new Promise((resolve) => setTimeout(resolve, delay));
    result = await send();
  }
  return result;
}
