// The audit of what managers did, in words: the agent writes action codes, the manager reads these.
import type { OperationOutput } from '../../main/agent/contract';
import type { MessageId } from './i18n/en-GB';
import type { Words } from './i18n/words';

export type AuditEntry = OperationOutput<'managerAudit'>['entries'][number];

const auditWords: Record<string, MessageId> = {
  UNLOCK: 'audit.action.unlock',
  LOCK: 'audit.action.lock',
  PIN_WRONG: 'audit.action.pinWrong',
  PIN_LOCKOUT: 'audit.action.pinLockout',
  RETRY: 'audit.action.retry',
  COLLECTED: 'audit.action.collected',
  WRITTEN_OFF: 'audit.action.writtenOff',
  EXPORT_CSV: 'audit.action.exportCsv',
  ACK_DAMAGED_DB: 'audit.action.ackDamagedDb',
  ACK_STORAGE_PROBLEM: 'audit.action.ackStorageProblem',
  SET_SECRET: 'audit.action.setSecret',
  REVEAL_POS_TOKEN: 'audit.action.revealPosToken',
  SUPPORT_BUNDLE: 'audit.action.supportBundle',
  VOID_SALE: 'audit.action.voidSale',
  VOID_TOPUP: 'audit.action.voidTopUp',
  REFUND: 'audit.action.refund',
  VOID_REFUND: 'audit.action.voidRefund',
  APPROVE_TOPUP: 'audit.action.approveTopUp',
  TOPUP: 'audit.action.topUp',
};

/** Whether the screen has words for an audit action (a newer agent's may be new to it). */
export function knownAuditAction(action: string): boolean {
  return Object.hasOwn(auditWords, action);
}

/** An audit action in words; one this screen does not know yet is shown as the agent wrote it. */
export function describeAuditAction(words: Words, action: string): string {
  return knownAuditAction(action) ? words.formatMessage({ id: auditWords[action] as MessageId }) : action;
}

/** Whether this browser's Intl has the language's own data (a trimmed Chromium may lack Welsh). */
const hasLocale = (locale: string): boolean => Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;

/**
 * When an entry was written, to the second as IT reads a log, in the screen's language: `14:32:05`
 * today, `3 Mar 2025, 14:32:05` before (the day in figures where Intl lacks the language).
 */
export function auditTime(iso: string, now: Date, locale: string, timeZone?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const known = hasLocale(locale);
  const time = new Intl.DateTimeFormat(known ? locale : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone,
  }).format(at);
  const day = known
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone })
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeZone });
  return day.format(at) === day.format(now) ? time : `${day.format(at)}, ${time}`;
}
