// The audit of what managers did, in words: the agent writes action codes, the manager reads these.
import type { OperationOutput } from '../../main/agent/contract';

export type AuditEntry = OperationOutput<'managerAudit'>['entries'][number];

const auditWords: Record<string, string> = {
  UNLOCK: 'Manager view opened',
  LOCK: 'Manager view locked',
  PIN_WRONG: 'Wrong PIN',
  PIN_LOCKOUT: 'Locked after too many wrong PINs',
  RETRY: 'Retry now',
  COLLECTED: 'Collected from the customer',
  WRITTEN_OFF: 'Written off',
  EXPORT_CSV: 'Queue exported as CSV',
  ACK_DAMAGED_DB: 'Damaged database acknowledged',
  ACK_STORAGE_PROBLEM: 'Storage problem acknowledged',
  SET_SECRET: 'Secret entered',
  REVEAL_POS_TOKEN: 'POS API token shown',
  SUPPORT_BUNDLE: 'Support bundle made',
  VOID_SALE: 'Sale voided',
  VOID_TOPUP: 'Top-up voided',
  REFUND: 'Refund made onto a card',
  VOID_REFUND: 'Refund voided',
  APPROVE_TOPUP: 'Large top-up approved',
  TOPUP: 'Card topped up',
};

/** An audit action in words; one this screen does not know yet is shown as the agent wrote it. */
export function describeAuditAction(action: string): string {
  return Object.hasOwn(auditWords, action) ? (auditWords[action] as string) : action;
}
