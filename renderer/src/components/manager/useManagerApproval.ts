// A manager's say-so for one action on the cashier screen (a top-up over the approval limit): the
// same PIN, lockout and session as the Manager tab, and the session handed on once it opens. The
// session ends with the agent when the prompt goes (the action answered, or the cashier cancelled).
import { useEffect, useReducer, useRef } from 'react';
import type { TillAgentApi } from '../../../../main/agent/contract';
import { initialManager, reduceManager, type ManagerState } from '../../manager';
import { useManagerSession } from './useManagerSession';

export interface ManagerApproval {
  state: ManagerState;
  unlock(pin: string, answered: () => void): void;
  refused(): void;
  readStatus(): void;
}

export function useManagerApproval(
  agent: TillAgentApi,
  /** The agent refused the action with this session (it ended meanwhile): ask for the PIN again… */
  expiredSession: string | undefined,
  /** …saying this. */
  message: string,
  onApproved: (session: string) => void,
): ManagerApproval {
  const [state, dispatch] = useReducer(reduceManager, initialManager);
  const manager = useManagerSession(agent, state, dispatch);

  useEffect(() => {
    if (expiredSession === undefined) return;
    dispatch({
      type: 'subViewRefused',
      session: expiredSession,
      error: { code: 'MANAGER_SESSION_EXPIRED', message },
    });
  }, [expiredSession, message]);

  // Each session opened here approves the action once.
  const handedOn = useRef<string | undefined>(undefined);
  const { session } = state;
  useEffect(() => {
    if (session === undefined || handedOn.current === session) return;
    handedOn.current = session;
    onApproved(session);
  }, [session, onApproved]);

  return {
    state,
    unlock: manager.unlock,
    refused: () => dispatch({ type: 'pinRefused' }),
    readStatus: () => void manager.readStatus(),
  };
}
