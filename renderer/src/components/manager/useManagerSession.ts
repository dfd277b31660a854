// The manager's session around the manager reducer: the status on opening (and again on a resync),
// the PIN sent one call at a time, a lockout that ends by itself, the view that locks itself when
// left alone, and a session that ends here (Lock, expiry, leaving the tab) ended with the agent too.
import { useCallback, useEffect, type Dispatch } from 'react';
import type { ApiError, TillAgentApi } from '../../../../main/agent/contract';
import { callAgent } from '../../agent';
import { MANAGER_IDLE_MS, type ManagerAction, type ManagerState } from '../../manager';
import { useOneCall } from '../../use-one-call';

/** The longest a timer may wait (setTimeout's limit); a lockout longer than this is re-read sooner. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ManagerSession {
  readStatus(): Promise<void>;
  /** Runs one call at a time (an unlock, or an action on the queue); a second press before the answer is ignored. */
  once(call: () => Promise<void>): Promise<void>;
  /** Sends a PIN of the right shape; `answered` runs as the answer arrives, just before it is shown. */
  unlock(pin: string, answered: () => void): void;
  /** A sub-view's call refused: an expired session goes back to the PIN, like the queue's. */
  subViewRefused(asked: string, error: ApiError): void;
}

export function useManagerSession(
  agent: TillAgentApi,
  state: ManagerState,
  dispatch: Dispatch<ManagerAction>,
): ManagerSession {
  const { session } = state;
  /** A call in flight that must not be sent twice (unlock, or an action on the queue). */

  const readStatus = useCallback(async (): Promise<void> => {
    dispatch({ type: 'statusRead', result: await callAgent(() => agent.managerStatus({})) });
  }, [agent, dispatch]);

  // The status on opening, and again when the agent's event stream starts over.
  useEffect(() => {
    let stop: () => void = () => {};
    try {
      stop = agent.onEvent((event) => {
        if (event.type === 'resync') void readStatus();
      });
    } catch {
      // Without events the status is still read on opening and after a lockout.
    }
    void readStatus();
    return stop;
  }, [agent, readStatus]);

  // A session that ends here (Lock, expiry, leaving the tab) is ended with the agent too.
  useEffect(() => {
    if (session === undefined) return;
    return () => void callAgent(() => agent.managerLock({ session }));
  }, [agent, session]);

  // Left alone, the view locks itself: a key or a touch anywhere counts as the manager being there.
  useEffect(() => {
    if (session === undefined) return;
    let lastSeen = Date.now();
    const seen = (): void => {
      lastSeen = Date.now();
    };
    document.addEventListener('keydown', seen, true);
    document.addEventListener('pointerdown', seen, true);
    const timer = setInterval(() => {
      if (Date.now() - lastSeen >= MANAGER_IDLE_MS) dispatch({ type: 'idleLocked' });
    }, 5_000);
    return () => {
      document.removeEventListener('keydown', seen, true);
      document.removeEventListener('pointerdown', seen, true);
      clearInterval(timer);
    };
  }, [session, dispatch]);

  // A lockout ends by itself: read the status again when it should be over.
  const lockedUntil = state.status?.lockedUntil;
  useEffect(() => {
    if (lockedUntil === undefined) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(lockedUntil) - Date.now()) + 500);
    const timer = setTimeout(() => void readStatus(), wait);
    return () => clearTimeout(timer);
  }, [lockedUntil, readStatus]);

  const once = useOneCall();

  const unlock = useCallback(
    (pin: string, answered: () => void): void =>
      void once(async () => {
        dispatch({ type: 'unlockStarted' });
        const result = await callAgent(() => agent.managerUnlock({ pin }));
        answered();
        dispatch({ type: 'unlockAnswered', result });
        // A lockout answer names no time; the status does.
        if (!result.ok && result.error.code === 'MANAGER_LOCKED') void readStatus();
      }),
    [agent, dispatch, once, readStatus],
  );

  const subViewRefused = useCallback(
    (asked: string, error: ApiError): void => dispatch({ type: 'subViewRefused', session: asked, error }),
    [dispatch],
  );

  return { readStatus, once, unlock, subViewRefused };
}
