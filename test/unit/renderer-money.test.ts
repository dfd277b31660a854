// The manager's money in words: queued items of the new kinds (refunds, holds given back, voids of a
// top-up or refund) and the new audit actions. The Day, top-ups, refunds and voided sales (money.ts)
// are tested in renderer-money-words.test.ts, in English and Welsh.
import { describe, expect, it } from 'vitest';
import { describeAuditAction, describeKind, itemName, itemReference } from '../../renderer/src/manager';

describe('the queue and the audit, for the new kinds of money', () => {
  it('names each kind of queued item', () => {
    expect(describeKind({ kind: 'CLOSE', basketId: 'b-1' })).toBe('Sale');
    expect(describeKind({ kind: 'VOID', basketId: 'b-1' })).toBe('Cancelled sale');
    expect(describeKind({ kind: 'VOID', basketId: '', topUpId: 'tu-1' })).toBe('Top-up voided');
    expect(describeKind({ kind: 'VOID', basketId: '', refundId: 'rf-1' })).toBe('Refund voided');
    expect(describeKind({ kind: 'REFUND', basketId: '', refundId: 'rf-1' })).toBe('Refund');
    expect(describeKind({ kind: 'HOLD_RELEASE', basketId: 'b-3' })).toBe('Hold given back');
  });

  it('says which sale, top-up or refund an item is about, never an empty id', () => {
    expect(itemReference({ kind: 'VOID', basketId: '', topUpId: 'tu-1' })).toBe('tu-1');
    expect(itemReference({ kind: 'REFUND', basketId: 'b-1', refundId: 'rf-1' })).toBe('rf-1 (sale b-1)');
    expect(itemName({ kind: 'VOID', basketId: '', topUpId: 'tu-1' })).toBe('Top-up voided tu-1');
    expect(itemName({ kind: 'HOLD_RELEASE', basketId: 'b-3' })).toBe('Hold given back for b-3');
    expect(itemName({ kind: 'CLOSE', basketId: 'b-77' })).toBe('Sale b-77');
  });

  it('reads the new audit actions', () => {
    expect(describeAuditAction('VOID_SALE')).toBe('Sale voided');
    expect(describeAuditAction('VOID_TOPUP')).toBe('Top-up voided');
    expect(describeAuditAction('REFUND')).toBe('Refund made onto a card');
    expect(describeAuditAction('VOID_REFUND')).toBe('Refund voided');
    expect(describeAuditAction('APPROVE_TOPUP')).toBe('Large top-up approved');
    expect(describeAuditAction('TOPUP')).toBe('Card topped up');
  });
});
