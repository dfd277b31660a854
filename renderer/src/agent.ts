// The screen's only way to the agent: `window.tillAgent`, set by the Electron preload or the
// browser bridge. A bridge that throws or answers nonsense becomes an ordinary error value here.
import type { Result, TillAgentApi } from '../../main/agent/contract';

/** The agent API if the host provided one, checked just enough to call it safely. */
export function findAgent(candidate: unknown): TillAgentApi | undefined {
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const api = candidate as Partial<Record<keyof TillAgentApi, unknown>>;
  const callable = ['health', 'inquireCard', 'onEvent'] as const;
  return callable.every((name) => typeof api[name] === 'function') ? (candidate as TillAgentApi) : undefined;
}

export const noAnswerMessage =
  "Till Agent didn't answer. Try again; if it keeps happening, close and reopen Till Agent.";

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** Calls the agent and always comes back with a Result, never a rejection. */
export async function callAgent<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const answer: unknown = await call();
    if (isResult(answer)) return answer as Result<T>;
  } catch {
    // fall through: a broken bridge is reported like any other failure
  }
  return { ok: false, error: { code: 'INTERNAL', message: noAnswerMessage } };
}
