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
