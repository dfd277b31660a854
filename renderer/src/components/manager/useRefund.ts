// A refund onto a card from the Manager view: sent with a refundId the screen makes, the same id on
// a retry of the same refund (so it is applied once) and a new one once anything is changed; kept
// current from `refund` events; an earlier one found by its id; voided after the manager confirms.
import { useEffect, useRef, useState } from 'react';
import type { ApiError, TillAgentApi } from '../../../../main/agent/contract';
import { callAgent } from '../../agent';
import { newActionId, type Refund, type RefundRead } from '../../money';
import { useOneCall } from '../../use-one-call';
import { useManagerCall, type Refused } from './useManagerCall';

export interface RefundFlow {
  /** The refund made (or being voided), as the agent last told it. */
  refund?: Refund;
  sending: boolean;
  voiding: boolean;
  problem?: ApiError;
  /** What was being done when `problem` came: a refund sent, or an earlier one found or voided. */
  problemOn?: 'send' | 'find' | 'void';
  send(request: Extract<RefundRead, { ok: true }>['request']): void;
  /** An earlier refund, by its id (from its receipt or the queue), to see or void it. */
  find(refundId: string): void;
  finding: boolean;
  voidRefund(): void;
  /** Anything typed changed: the next send is another refund, with its own id. */
  changed(): void;
  /** Start a new refund. */
  reset(): void;
}

const randomBytes = (bytes: Uint8Array): Uint8Array => crypto.getRandomValues(bytes);

export function useRefund(
  agent: TillAgentApi,
  session: string,
  currency: string,
  onRefused: Refused,
): RefundFlow {
  const call = useManagerCall(session, onRefused);
  const once = useOneCall();
  const [refund, setRefund] = useState<Refund>();
  const [sending, setSending] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [finding, setFinding] = useState(false);
  const [refused, setRefused] = useState<{ error: ApiError; on: 'send' | 'find' | 'void' }>();
  const setProblem = (error: ApiError | undefined, on: 'send' | 'find' | 'void' = 'send'): void =>
    setRefused(error ? { error, on } : undefined);
  /** The id of the refund being asked for: kept while the same refund is retried. */
  const refundId = useRef<string | undefined>(undefined);

  const shownId = refund?.refundId;
  useEffect(() => {
    if (shownId === undefined) return;
    let stop: () => void = () => {};
    try {
      stop = agent.onEvent((event) => {
        if (event.type === 'refund' && event.data.refundId === shownId) setRefund(event.data);
      });
    } catch {
      // Without events the refund shows as it was answered.
    }
    return stop;
  }, [agent, shownId]);

  const send: RefundFlow['send'] = (request) =>
    void once(async () => {
      refundId.current ??= newActionId('refund', randomBytes);
      const id = refundId.current;
      setSending(true);
      setProblem(undefined);
      const result = await call((s) =>
        agent.managerRefund({ session: s, refundId: id, currency, ...request }),
      );
      setSending(false);
      if (!result) return;
      if (result.ok) {
        setRefund(result.value);
        // Done: whatever is sent next is another refund.
        refundId.current = undefined;
      } else setProblem(result.error);
    });

  const find = (id: string): void =>
    void once(async () => {
      setFinding(true);
      setProblem(undefined);
      const result = await callAgent(() => agent.getRefund({ refundId: id }));
      setFinding(false);
      if (result.ok) setRefund(result.value);
      else setProblem(result.error, 'find');
    });

  const voidRefund = (): void => {
    const id = refund?.refundId;
    if (id === undefined) return;
    void once(async () => {
      setVoiding(true);
      setProblem(undefined);
      const result = await call((s) => agent.managerVoidRefund({ session: s, refundId: id }));
      setVoiding(false);
      if (!result) return;
      if (result.ok) setRefund(result.value);
      else setProblem(result.error, 'void');
    });
  };

  const changed = (): void => {
    refundId.current = undefined;
  };

  const reset = (): void => {
    refundId.current = undefined;
    setRefund(undefined);
    setProblem(undefined);
  };

  return {
    ...(refund ? { refund } : {}),
    sending,
    voiding,
    ...(refused ? { problem: refused.error, problemOn: refused.on } : {}),
    send,
    find,
    finding,
    voidRefund,
    changed,
    reset,
  };
}
