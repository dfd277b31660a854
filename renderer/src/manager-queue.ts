// The queue of sales waiting for Factor4, in the manager's words: its types, the filter and pages,
// each item's state and kind, what can be done about it, and the CSV file it exports to.
import type { AgentEvent, OperationOutput } from '../../main/agent/contract';
import { safeFilename } from './filename';
import { formatAge } from './format';
import type { Words } from './i18n/words';
import { firstSentence } from './error-words';
import { errorHeadings, type Shape, type Tone } from './wording';

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

export const queueFilters: readonly { filter: QueueFilter; label: string }[] = [
  { filter: 'ALL', label: 'All' },
  { filter: 'PENDING', label: 'Waiting' },
  { filter: 'IN_FLIGHT', label: 'Sending' },
  { filter: 'FAILED', label: 'Failed' },
  { filter: 'DELIVERED', label: 'Delivered' },
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
export function sendingLine(sending: QueueSummary['sending']): string | undefined {
  if (!sending || sending.of <= 0) return undefined;
  return `Sending ${Math.min(sending.sent, sending.of)} of ${sending.of}`;
}

/** The summary line's parts: `3 waiting`, `1 failed`, `Oldest waiting: 12 min`. */
export function summaryParts(
  words: Words,
  summary: Pick<QueueSummary, 'pending' | 'failed'>,
  ageMs?: number,
): string[] {
  return [
    `${summary.pending} waiting`,
    `${summary.failed} failed`,
    ...(summary.pending > 0 && ageMs !== undefined ? [`Oldest waiting: ${formatAge(words, ageMs)}`] : []),
  ];
}

export interface ItemWording {
  text: string;
  tone: Tone;
  shape: Shape;
}

export function describeItemState(item: Pick<ManagerItem, 'state' | 'resolution'>): ItemWording {
  switch (item.state) {
    case 'PENDING':
      return { text: 'Waiting to be sent', tone: 'warning', shape: 'triangle' };
    case 'IN_FLIGHT':
      return { text: 'Being sent now', tone: 'neutral', shape: 'ring' };
    case 'DELIVERED':
      return { text: 'Delivered to Factor4', tone: 'good', shape: 'circle' };
    case 'FAILED':
      return item.resolution
        ? { text: 'Did not go through — resolved', tone: 'neutral', shape: 'ring' }
        : { text: 'Did not go through', tone: 'danger', shape: 'cross' };
  }
}

type ItemKind = Pick<ManagerItem, 'kind' | 'basketId' | 'topUpId' | 'refundId'>;

/**
 * What a queued item is, in words: a sale, a cancelled sale, a top-up or refund voided, a refund,
 * or a hold given back (the money a card held for a sale that did not close).
 */
export function describeKind(item: ItemKind): string {
  switch (item.kind) {
    case 'CLOSE':
      return 'Sale';
    case 'VOID':
      if (item.topUpId) return 'Top-up voided';
      if (item.refundId) return 'Refund voided';
      return 'Cancelled sale';
    case 'REFUND':
      return 'Refund';
    case 'HOLD_RELEASE':
      return 'Hold given back';
    default:
      return 'Queued item';
  }
}

/** Which sale, top-up or refund an item is about: its own id, or the sale's. */
export function itemReference(item: ItemKind): string {
  if (item.topUpId) return item.topUpId;
  if (item.refundId) return item.basketId ? `${item.refundId} (sale ${item.basketId})` : item.refundId;
  return item.basketId;
}

/** An item named in a sentence: `Sale b-77`, `Refund refund-1`, `Hold given back for b-3`. */
export function itemName(item: ItemKind): string {
  const reference = itemReference(item);
  if (item.kind === 'HOLD_RELEASE') return `Hold given back for ${reference}`;
  return reference ? `${describeKind(item)} ${reference}` : describeKind(item);
}

/** The agent writes `COLLECTED: collected from the customer (note)`; the manager reads the words. */
export function describeResolution(resolution: string): string {
  const words = /^(?:COLLECTED|WRITTEN_OFF):\s*(.+)$/s.exec(resolution)?.[1] ?? resolution;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[.!?]+$/, '');

/**
 * The last error in plain words: its heading, and the agent's first sentence where it adds a fact
 * (not what the heading already says, nor advice the item's "What to do" gives once).
 */
export function describeLastError(
  item: Pick<ManagerItem, 'lastError' | 'lastErrorCode'>,
): string | undefined {
  if (!item.lastError) return undefined;
  const fact = firstSentence(item.lastError);
  const heading = item.lastErrorCode
    ? (errorHeadings as Partial<Record<string, string>>)[item.lastErrorCode]
    : undefined;
  if (!heading) return fact;
  return plain(fact).includes(plain(heading)) ? heading : `${heading}: ${fact}`;
}

export const outcomeUnknownNote = 'May already have reached Factor4 — will be resent safely';

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
