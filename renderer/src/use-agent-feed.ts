// What the screen keeps reading from the agent: its events (subscribed before the first reads, so
// no change falls between), health and the POS's current sale, health again while storage fails,
// a queued sale whenever the queue moves, and the end of a "Looking up…" that got no answer.
// The first subscription and reads may have been started before the screen was drawn (first-reads.ts).
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import type { AgentEvent, TillAgentApi } from '../../main/agent/contract';
import { callAgent } from './agent';
import type { FirstFeed } from './first-reads';
import { LOOKUP_TIMEOUT_MS, type Action, type ViewState } from './state';

/** While the till cannot store sales, health is read again this often: a write that works again clears it. */
const STORAGE_RECHECK_MS = 15_000;

/** Starts the feed (or takes over `started`); returns how to read health again (the screen's own Retry). */
export function useAgentFeed(
  agent: TillAgentApi,
  dispatch: Dispatch<Action>,
  state: ViewState,
  onGiftCardScanned: () => void,
  started?: FirstFeed,
): () => Promise<void> {
  /** How many `basket` events have arrived (the reducer counts the same), read when asking for the current basket. */
  const basketEvents = useRef(0);
  /** Taken over once, by the first subscription; a later one subscribes and reads afresh. */
  const notTaken = useRef(started);
  const basket = state.sale.basket;

  const readHealth = useCallback(async (): Promise<void> => {
    dispatch({ type: 'healthRead', result: await callAgent(() => agent.health({})) });
  }, [agent, dispatch]);

  // The POS's current sale, for a screen opened (or reconnected) mid-sale. An answer overtaken by a
  // `basket` event is judged older by the reducer, using the count of events at the time of asking.
  const readCurrentBasket = useCallback(async (): Promise<void> => {
    const asked = basketEvents.current;
    const result = await callAgent(() => agent.currentBasket({}));
    dispatch({ type: 'currentBasketRead', result, asked });
  }, [agent, dispatch]);

  // Subscribe before the first reads, so no change falls between the two.
  useEffect(() => {
    const onEvent = (event: AgentEvent): void => {
      if (event.type === 'basket') basketEvents.current += 1;
      if (event.type === 'scan' && event.data.valid) onGiftCardScanned();
      dispatch({ type: 'event', event });
      if (event.type === 'resync') {
        void readHealth();
        void readCurrentBasket();
      }
    };
    const taken = notTaken.current;
    notTaken.current = undefined;
    if (taken) {
      // Asked before any event came: the current sale's answer is judged against none (asked 0).
      const stop = taken.reads.follow(onEvent);
      if (taken.health === undefined)
        void taken.reads.health.then((result) => dispatch({ type: 'healthRead', result }));
      void taken.reads.currentBasket.then((result) =>
        dispatch({ type: 'currentBasketRead', result, asked: 0 }),
      );
      return stop;
    }
    let stop: () => void = () => {};
    try {
      stop = agent.onEvent(onEvent);
    } catch {
      // Without events the screen still works by asking; health shows what it can.
    }
    void readHealth();
    void readCurrentBasket();
    return () => stop();
  }, [agent, dispatch, readHealth, readCurrentBasket, onGiftCardScanned]);

  // The agent announces a storage problem, but not always its end: while the banner shows, ask again.
  const storageProblem = state.storage?.ok === false;
  useEffect(() => {
    if (!storageProblem) return;
    const timer = setInterval(() => void readHealth(), STORAGE_RECHECK_MS);
    return () => clearInterval(timer);
  }, [storageProblem, readHealth]);

  // A closed sale waiting in the queue: whenever the queue moves, read it again to see if it went.
  const waitingBasketId =
    basket?.state === 'CLOSED' && basket.closeState === 'QUEUED' ? basket.basketId : undefined;
  const queue = state.sale.queue;
  useEffect(() => {
    if (waitingBasketId === undefined || queue === undefined) return;
    let current = true;
    void callAgent(() => agent.getBasket({ basketId: waitingBasketId })).then((result) => {
      if (current) dispatch({ type: 'basketRead', result });
    });
    return () => {
      current = false;
    };
  }, [agent, dispatch, waitingBasketId, queue]);

  // "Looking up…" always ends: with the card, its error, or after LOOKUP_TIMEOUT_MS with no answer.
  const lookingUp = state.result.kind === 'lookingUp' ? state.result.scanId : undefined;
  useEffect(() => {
    if (lookingUp === undefined) return;
    const timer = setTimeout(
      () => dispatch({ type: 'lookupTimedOut', scanId: lookingUp }),
      LOOKUP_TIMEOUT_MS,
    );
    return () => clearTimeout(timer);
  }, [dispatch, lookingUp]);

  return readHealth;
}
