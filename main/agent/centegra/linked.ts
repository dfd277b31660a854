// Every answer from Centegra Plus is evidence of the link's state. This wrapper is the one place
// that records it: the agent hands the recorded client to every service (card inquiries, the
// sale and its holds, top-ups, refunds, the queue's deliveries), so no call site has to remember
// to. The /status probe is the link monitor's own and passes through unrecorded.
import type { Centegra, CentegraResult } from './client';
import type { LinkMonitor } from './link';

export function recordingLink(centegra: Centegra, link: Pick<LinkMonitor, 'record'>): Centegra {
  const recorded = async <T>(answer: Promise<CentegraResult<T>>): Promise<CentegraResult<T>> => {
    const result = await answer;
    link.record(result.ok ? { ok: true } : { ok: false, error: result.error });
    return result;
  };
  return {
    status: () => centegra.status(),
    inquire: (card) => recorded(centegra.inquire(card)),
    issue: (requestId, card, amountMinor, currency) =>
      recorded(centegra.issue(requestId, card, amountMinor, currency)),
    closeBasket: (closure) => recorded(centegra.closeBasket(closure)),
    voidTransaction: (requestId, originalRequestId) =>
      recorded(centegra.voidTransaction(requestId, originalRequestId)),
    hold: (request) => recorded(centegra.hold(request)),
    releaseHold: (requestId, holdId) => recorded(centegra.releaseHold(requestId, holdId)),
    refund: (request) => recorded(centegra.refund(request)),
    close: () => centegra.close(),
  };
}
