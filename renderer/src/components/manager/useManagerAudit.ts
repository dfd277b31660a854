// The audit in the open session: read when the manager picks it (or the session opens on it), and
// again on Refresh.
import { useCallback, useEffect, type Dispatch } from 'react';
import type { TillAgentApi } from '../../../../main/agent/contract';
import { callAgent } from '../../agent';
import type { ManagerAction, ManagerState } from '../../manager';

/** The newest entries shown; the agent keeps more. */
const AUDIT_LIMIT = 100;

export function useManagerAudit(
  agent: TillAgentApi,
  state: ManagerState,
  dispatch: Dispatch<ManagerAction>,
): (session: string) => Promise<void> {
  const { session, view } = state;

  const readAudit = useCallback(
    async (asked: string): Promise<void> => {
      dispatch({ type: 'auditRequested' });
      const result = await callAgent(() => agent.managerAudit({ session: asked, limit: AUDIT_LIMIT }));
      dispatch({ type: 'auditAnswered', session: asked, result });
    },
    [agent, dispatch],
  );

  useEffect(() => {
    if (session !== undefined && view === 'audit') void readAudit(session);
  }, [session, view, readAudit]);

  return readAudit;
}
