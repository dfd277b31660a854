// How a manager sub-view calls the agent with the session: one call at a time, and an expired
// session handed to the Manager view (back to the PIN) instead of shown as the sub-view's problem.
import { useCallback } from 'react';
import type { ApiError, Result } from '../../../../main/agent/contract';
import { callAgent } from '../../agent';

export type Refused = (session: string, error: ApiError) => void;

/**
 * Calls with `session`; answers the result, or undefined when the session expired (the Manager
 * view then shows the PIN prompt, saying why).
 */
export function useManagerCall(session: string, onRefused: Refused) {
  return useCallback(
    async <T>(call: (session: string) => Promise<Result<T>>): Promise<Result<T> | undefined> => {
      const result = await callAgent(() => call(session));
      if (!result.ok && result.error.code === 'MANAGER_SESSION_EXPIRED') {
        onRefused(session, result.error);
        return undefined;
      }
      return result;
    },
    [session, onRefused],
  );
}
