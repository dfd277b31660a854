// The queue in the open session: a fresh page when the session opens or the filter changes, the
// counts live from `queue` events with the page read again shortly after, more pages on demand, and
// the manager's actions (Retry now, Collected / Written off, Export CSV, acknowledging a kept
// database), each followed by a read of the page to show where it stands.
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import type { Result, TillAgentApi } from '../../../../main/agent/contract';
import { callAgent } from '../../agent';
import { saveCsv } from '../../download';
import {
  PAGE_SIZE,
  refreshLimit,
  REQUERY_DELAY_MS,
  stateOf,
  type ManagerAction,
  type ManagerState,
  type QueueFilter,
  type Resolution,
} from '../../manager';

export interface ManagerQueue {
  /** Reads the first page again (as many items as are shown), or with `append` the next page. */
  readQueue(append: boolean): Promise<void>;
  retry(itemId: string): void;
  resolve(itemId: string, resolution: Resolution, note: string): void;
  exportCsv(): void;
  acknowledge(): void;
}

export function useManagerQueue(
  agent: TillAgentApi,
  state: ManagerState,
  dispatch: Dispatch<ManagerAction>,
  /** The session's one-call-at-a-time guard, shared with the unlock. */
  once: (call: () => Promise<void>) => Promise<void>,
): ManagerQueue {
  const { session, filter } = state;
  const lastRead = useRef(0);
  /** What a read of the queue needs, as of the last render (read by event handlers and timers). */
  const latest = useRef({
    session: undefined as string | undefined,
    filter: 'ALL' as QueueFilter,
    shown: 0,
    nextCursor: undefined as string | undefined,
  });

  useEffect(() => {
    latest.current = { session, filter, shown: state.items.length, nextCursor: state.nextCursor };
  }, [session, filter, state.items.length, state.nextCursor]);

  const readQueue = useCallback(
    async (append: boolean): Promise<void> => {
      const { session: asked, filter: chosen, shown, nextCursor } = latest.current;
      if (asked === undefined || (append && nextCursor === undefined)) return;
      const seq = ++lastRead.current;
      dispatch({ type: 'queueRequested', seq, append });
      const itemState = stateOf(chosen);
      const result = await callAgent(() =>
        agent.managerQueue({
          session: asked,
          limit: append ? PAGE_SIZE : refreshLimit(shown),
          ...(itemState ? { state: itemState } : {}),
          ...(append && nextCursor ? { cursor: nextCursor } : {}),
        }),
      );
      dispatch({ type: 'queueAnswered', session: asked, seq, result, at: Date.now() });
    },
    [agent, dispatch],
  );

  // The counts live from `queue` events, the page read again shortly after (events come in bursts).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: () => void = () => {};
    try {
      stop = agent.onEvent((event) => {
        if (event.type === 'queue') {
          dispatch({ type: 'queueChanged', summary: event.data, at: Date.now() });
          timer ??= setTimeout(() => {
            timer = undefined;
            void readQueue(false);
          }, REQUERY_DELAY_MS);
        } else if (event.type === 'resync') {
          void readQueue(false);
        }
      });
    } catch {
      // Without events the page is still read on opening, on each filter and after each action.
    }
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [agent, dispatch, readQueue]);

  // A fresh page whenever the session opens or the filter changes.
  useEffect(() => {
    if (session !== undefined) void readQueue(false);
  }, [session, filter, readQueue]);

  /** An action on the queue, then the page read again to show where it stands. */
  const act = <T>(
    start: () => void,
    call: (session: string) => Promise<Result<T>>,
    done: (session: string, result: Result<T>) => void,
  ): void => {
    if (session === undefined) return;
    const asked = session;
    void once(async () => {
      start();
      const result = await callAgent(() => call(asked));
      done(asked, result);
      if (result.ok) void readQueue(false);
    });
  };

  const retry = (itemId: string): void =>
    act(
      () => dispatch({ type: 'retryStarted', itemId }),
      (asked) => agent.managerRetry({ session: asked, itemId }),
      (asked, result) => dispatch({ type: 'itemAnswered', session: asked, result }),
    );

  const resolve = (itemId: string, resolution: Resolution, note: string): void =>
    act(
      () => dispatch({ type: 'resolveStarted', itemId, resolution }),
      (asked) =>
        agent.managerResolve({
          session: asked,
          itemId,
          resolution,
          ...(note.trim() ? { note: note.trim().slice(0, 200) } : {}),
        }),
      (asked, result) => dispatch({ type: 'itemAnswered', session: asked, result }),
    );

  const exportCsv = (): void => {
    const itemState = stateOf(filter);
    act(
      () => dispatch({ type: 'exportStarted' }),
      (asked) => agent.managerExport({ session: asked, ...(itemState ? { state: itemState } : {}) }),
      (asked, result) => {
        if (result.ok && latest.current.session === asked) saveCsv(result.value.filename, result.value.csv);
        dispatch({ type: 'exportAnswered', session: asked, result });
      },
    );
  };

  const acknowledge = (): void =>
    act(
      () => dispatch({ type: 'acknowledgeStarted' }),
      (asked) => agent.managerAcknowledgeStorage({ session: asked }),
      (asked, result) => dispatch({ type: 'acknowledgeAnswered', session: asked, result }),
    );

  return { readQueue, retry, resolve, exportCsv, acknowledge };
}
