// The queue of sales waiting for Factor4, in the manager's words: its types, the filter and pages,
// each item's state and kind, what can be done about it, and the CSV file it exports to.
import type { AdviceCode, AgentEvent, OperationOutput } from '../../main/agent/contract';
import { safeFilename } from './filename';
import { formatAge, formatMoney, lastFour } from './format';
import type { Words } from './i18n/words';
import { errorHeading, firstSentence, isKnownErrorCode } from './error-words';
import type { MessageId } from './i18n/en-GB';
import type { Shape, Tone } from './wording';

export type ManagerPage = OperationOutput<'managerQueue'>;
export type ManagerItem = ManagerPage['items'][number];
export type ManagerSummary = ManagerPage['summary'];
export type CsvExport = OperationOutput<'managerExport'>;
/** An item as retry and resolve answer it: without the advice, which the next read brings. */
export type PlainItem = OperationOutput<'managerRetry'>;
export type ItemState = ManagerItem['state'];
export type QueueSummary = Extract<AgentEvent, { type: 'queue' }>['data'];
export type Resolution = 'COLLECTED' | 'WRITTEN_OFF';

/** A page of the queue; the agent allows up to 500 at once. */
export const PAGE_SIZE = 50;
const MAX_LIMIT = 500;
/** How long the screen waits after a `queue` event before reading the page again (events come in bursts). */
export const REQUERY_DELAY_MS = 400;

// ---- the filter ----

export type QueueFilter = 'ALL' | ItemState;

export const queueFilters: readonly { filter: QueueFilter; label: MessageId }[] = [
  { filter: 'ALL', label: 'managerQueue.filter.all' },
  { filter: 'PENDING', label: 'managerQueue.filter.pending' },
  { filter: 'IN_FLIGHT', label: 'managerQueue.filter.inFlight' },
  { filter: 'FAILED', label: 'managerQueue.filter.failed' },
  { filter: 'DELIVERED', label: 'managerQueue.filter.delivered' },
];

/** The `state` the agent's queue and export take for a filter: one state, or none for all. */
export function stateOf(filter: QueueFilter): ItemState | undefined {
  return filter === 'ALL' ? undefined : filter;
}
/** How many items a fresh read of the page asks for: at least a page, and all those already shown. */
export function refreshLimit(shown: number): number {
  return Math.min(MAX_LIMIT, Math.max(PAGE_SIZE, shown));
}

/** While the queue drains after an outage: `Sending 120 of 500`. */
export function sendingLine(words: Words, sending: QueueSummary['sending']): string | undefined {
  if (!sending || sending.of <= 0) return undefined;
  return words.formatMessage(
    { id: 'managerQueue.sending' },
    { sent: Math.min(sending.sent, sending.of), of: sending.of },
  );
}

/** The summary line's parts: `3 waiting`, `1 failed`, `Oldest waiting: 12 min`. */
export function summaryParts(
  words: Words,
  summary: Pick<QueueSummary, 'pending' | 'failed'>,
  ageMs?: number,
): string[] {
  return [
    words.formatMessage({ id: 'managerQueue.waiting' }, { count: summary.pending }),
    words.formatMessage({ id: 'managerQueue.failed' }, { count: summary.failed }),
    ...(summary.pending > 0 && ageMs !== undefined
      ? [words.formatMessage({ id: 'managerQueue.oldest' }, { age: formatAge(words, ageMs) })]
      : []),
  ];
}

export interface ItemWording {
  text: string;
  tone: Tone;
  shape: Shape;
}

export function describeItemState(
  words: Words,
  item: Pick<ManagerItem, 'state' | 'resolution'>,
): ItemWording {
  const say = (id: MessageId, tone: Tone, shape: Shape): ItemWording => ({
    text: words.formatMessage({ id }),
    tone,
    shape,
  });
  switch (item.state) {
    case 'PENDING':
      return say('queueItem.state.pending', 'warning', 'triangle');
    case 'IN_FLIGHT':
      return say('queueItem.state.inFlight', 'neutral', 'ring');
    case 'DELIVERED':
      return say('queueItem.state.delivered', 'good', 'circle');
    case 'FAILED':
      return item.resolution
        ? say('queueItem.state.failedResolved', 'neutral', 'ring')
        : say('queueItem.state.failed', 'danger', 'cross');
  }
}

type ItemKind = Pick<ManagerItem, 'kind' | 'basketId' | 'topUpId' | 'refundId'>;

function kindId(item: ItemKind): MessageId {
  switch (item.kind) {
    case 'CLOSE':
      return 'queueItem.kind.sale';
    case 'VOID':
      if (item.topUpId) return 'queueItem.kind.topUpVoided';
      if (item.refundId) return 'queueItem.kind.refundVoided';
      return 'queueItem.kind.cancelledSale';
    case 'REFUND':
      return 'queueItem.kind.refund';
    case 'HOLD_RELEASE':
      return 'queueItem.kind.holdRelease';
    default:
      return 'queueItem.kind.other';
  }
}

/**
 * What a queued item is, in words: a sale, a cancelled sale, a top-up or refund voided, a refund,
 * or a hold given back (the money a card held for a sale that did not close).
 */
export function describeKind(words: Words, item: ItemKind): string {
  return words.formatMessage({ id: kindId(item) });
}

/** Which sale, top-up or refund an item is about: its own id, or the sale's. */
export function itemReference(words: Words, item: ItemKind): string {
  if (item.topUpId) return item.topUpId;
  if (item.refundId)
    return item.basketId
      ? words.formatMessage(
          { id: 'queueItem.reference.refundOfSale' },
          { refund: item.refundId, basket: item.basketId },
        )
      : item.refundId;
  return item.basketId;
}

/** An item named in a sentence: `Sale b-77`, `Refund refund-1`, `Hold given back for b-3`. */
export function itemName(words: Words, item: ItemKind): string {
  const reference = itemReference(words, item);
  if (item.kind === 'HOLD_RELEASE')
    return words.formatMessage({ id: 'queueItem.name.holdRelease' }, { reference });
  const kind = describeKind(words, item);
  return reference ? words.formatMessage({ id: 'queueItem.name' }, { kind, reference }) : kind;
}

/**
 * The agent writes `COLLECTED: collected from the customer (note)`; the manager reads the words,
 * with the note they typed. One the screen does not recognise is shown as the agent wrote it.
 */
export function describeResolution(words: Words, resolution: string): string {
  const m =
    /^(COLLECTED|WRITTEN_OFF):\s*(?:collected from the customer|written off)(?:\s+\((.*)\))?\s*$/s.exec(
      resolution,
    );
  if (m) {
    const collected = m[1] === 'COLLECTED';
    const note = m[2];
    if (note === undefined)
      return words.formatMessage({
        id: collected ? 'queueItem.resolution.collected' : 'queueItem.resolution.writtenOff',
      });
    return words.formatMessage(
      { id: collected ? 'queueItem.resolution.collectedNote' : 'queueItem.resolution.writtenOffNote' },
      { note },
    );
  }
  const text = /^(?:COLLECTED|WRITTEN_OFF):\s*(.+)$/s.exec(resolution)?.[1] ?? resolution;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface LastErrorWords {
  text: string;
  /** Set when `text` is the agent's own sentence (no code to put it into words): English. */
  lang?: 'en';
}

/** Whether the screen knows a code (a newer agent's may be new to it); its words come from `errorHeading`. */

/**
 * The last error in the screen's words: its code's heading. The agent's sentence (English, and
 * often advice the item's "What to do" already gives) is shown only for an error without a code
 * this screen knows, its first sentence, marked as English.
 */
export function describeLastError(
  words: Words,
  item: Pick<ManagerItem, 'lastError' | 'lastErrorCode'>,
): LastErrorWords | undefined {
  const code = item.lastErrorCode;
  if (code !== undefined && isKnownErrorCode(code)) return { text: errorHeading(words, code) };
  if (!item.lastError) return undefined;
  return { text: firstSentence(item.lastError), lang: 'en' };
}

/** Retry now: for what waits or did not go through and is not settled by the manager. */
export function offersRetry(item: Pick<ManagerItem, 'state' | 'resolution'>): boolean {
  return item.state === 'PENDING' || (item.state === 'FAILED' && !item.resolution);
}

/** Collected / Written off: only for what did not go through and is not yet resolved. */
export function offersResolve(item: Pick<ManagerItem, 'state' | 'resolution'>): boolean {
  return item.state === 'FAILED' && !item.resolution;
}

// ---- the CSV file ----

const FALLBACK_CSV = 'till-agent-queue.csv';

/**
 * A file name safe to save under on any till: no folders, only letters, digits, `.`, `_` and `-`,
 * not hidden, at most 100 characters, ending in `.csv`. The agent's own names pass unchanged.
 */
export function safeCsvFilename(name: string): string {
  return safeFilename(name, 'csv', FALLBACK_CSV);
}

/** The words of each advice code (a code of a newer agent is not here: its English is shown). */
const ADVICE: Record<AdviceCode, MessageId> = {
  SPENT_ELSEWHERE: 'advice.SPENT_ELSEWHERE',
  CARD_NOT_USABLE: 'advice.CARD_NOT_USABLE',
  CARD_UNKNOWN: 'advice.CARD_UNKNOWN',
  REQUEST_CONFLICT: 'advice.REQUEST_CONFLICT',
  NOT_ACCEPTED: 'advice.NOT_ACCEPTED',
  UNREADABLE: 'advice.UNREADABLE',
  REFUSED: 'advice.REFUSED',
  KEY_DISABLED: 'advice.KEY_DISABLED',
  MAY_HAVE_REACHED: 'advice.MAY_HAVE_REACHED',
  WAITING_LONG: 'advice.WAITING_LONG',
};

/** The item's cards as the advice names them: `ending 0011`, `ending 0011 and ending 0052`. */
function cardsNamed(words: Words, masked: readonly string[]): string {
  const named = masked.map((m) => words.formatMessage({ id: 'advice.cardEnding' }, { last4: lastFour(m) }));
  if (named.length <= 1) return named[0] ?? '';
  return words.formatMessage(
    { id: 'advice.and' },
    { first: named.slice(0, -1).join(', '), last: named.at(-1)! },
  );
}

/**
 * What to do about an item, in the screen's language: the agent's advice by its code, with the
 * item's own figures (amount, cards, how long it has waited). An advice code this screen does not
 * know shows the agent's English, marked so.
 */
export function adviceWords(
  words: Words,
  item: Pick<
    ManagerItem,
    'advice' | 'adviceCode' | 'giftCardTotalMinor' | 'currency' | 'cardNumbersMasked' | 'createdAt'
  >,
  nowMs: number,
): LastErrorWords | undefined {
  if (!item.advice) return undefined;
  const id = item.adviceCode && (ADVICE as Partial<Record<string, MessageId>>)[item.adviceCode];
  if (!id) return { text: item.advice, lang: 'en' };
  return {
    text: words.formatMessage(
      { id },
      {
        amount: formatMoney(item.giftCardTotalMinor, item.currency, words.locale),
        cards: cardsNamed(words, item.cardNumbersMasked),
        minutes: Math.max(0, Math.floor((nowMs - Date.parse(item.createdAt)) / 60_000)),
      },
    ),
  };
}
