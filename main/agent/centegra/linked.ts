// Every answer from Centegra Plus is evidence of the link's state. This wrapper is the one place
// that records it: the agent hands the recorded client to every service (card inquiries, the
// sale and its holds, top-ups, refunds, the queue's deliveries), so no call site has to remember
// to. The /status probe is the link monitor's own and passes through unrecorded. Every call,
// the probe too, is also timed here for the fleet metrics (how long Centegra takes, per operation).
import type { Centegra, CentegraResult } from './client';
import type { LinkMonitor } from './link';

/** A call to Centegra Plus by what it does: the `operation` label of the request duration metric. */
export type CentegraOperation =
  'status' | 'inquire' | 'issue' | 'close_basket' | 'void' | 'hold' | 'release_hold' | 'refund';

/** Told how long each call took, answered or not (a timeout takes as long as it took). */
export type CallTimer = (operation: CentegraOperation, seconds: number) => void;

export function recordingLink(
  centegra: Centegra,
  link: Pick<LinkMonitor, 'record'>,
  timer: CallTimer = () => {},
): Centegra {
  const timed = async <T>(operation: CentegraOperation, call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await call();
    } finally {
      timer(operation, (performance.now() - started) / 1000);
    }
  };
  const recorded = async <T>(
    operation: CentegraOperation,
    call: () => Promise<CentegraResult<T>>,
  ): Promise<CentegraResult<T>> => {
    const result = await timed(operation, call);
    link.record(result.ok ? { ok: true } : { ok: false, error: result.error });
    return result;
  };
  return {
    status: () => timed('status', () => centegra.status()),
    inquire: (card) => recorded('inquire', () => centegra.inquire(card)),
    issue: (requestId, card, amountMinor, currency) =>
      recorded('issue', () => centegra.issue(requestId, card, amountMinor, currency)),
    closeBasket: (closure) => recorded('close_basket', () => centegra.closeBasket(closure)),
    voidTransaction: (requestId, originalRequestId) =>
      recorded('void', () => centegra.voidTransaction(requestId, originalRequestId)),
    hold: (request) => recorded('hold', () => centegra.hold(request)),
    releaseHold: (requestId, holdId) =>
      recorded('release_hold', () => centegra.releaseHold(requestId, holdId)),
    refund: (request) => recorded('refund', () => centegra.refund(request)),
    close: () => centegra.close(),
  };
}
