// The manager's money in words: queued items of the new kinds (refunds, holds given back, voids of a
// top-up or refund) and the new audit actions. The Day, top-ups, refunds and voided sales (money.ts)
// are tested in renderer-money-words.test.ts, in English and Welsh.
import { describe, expect, it } from 'vitest';
import { intlFor } from '../../renderer/src/i18n/words';
import { describeAuditAction, describeKind, itemName, itemReference } from '../../renderer/src/manager';

const en = intlFor('en-GB');

describe('the queue and the audit, for the new kinds of money', () => {
  it('names each kind of queued item', () => {
    expect(describeKind(en, { kind: 'CLOSE', basketId: 'b-1' })).toBe('Sale');
    expect(describeKind(en, { kind: 'VOID', basketId: 'b-1' })).toBe('Cancelled sale');
    expect(describeKind(en, { kind: 'VOID', basketId: '', topUpId: 'tu-1' })).toBe('Top-up voided');
    expect(describeKind(en, { kind: 'VOID', basketId: '', refundId: 'rf-1' })).toBe('Refund voided');
    expect(describeKind(en, { kind: 'REFUND', basketId: '', refundId: 'rf-1' })).toBe('Refund');
    expect(describeKind(en, { kind: 'HOLD_RELEASE', basketId: 'b-3' })).toBe('Hold given back');
  });

  it('says which sale, top-up or refund an item is about, never an empty id', () => {
    expect(itemReference(en, { kind: 'VOID', basketId: '', topUpId: 'tu-1' })).toBe('tu-1');
    expect(itemReference(en, { kind: 'REFUND', basketId: 'b-1', refundId: 'rf-1' })).toBe('rf-1 (sale b-1)');
    expect(itemName(en, { kind: 'VOID', basketId: '', topUpId: 'tu-1' })).toBe('Top-up voided tu-1');
    expect(itemName(en, { kind: 'HOLD_RELEASE', basketId: 'b-3' })).toBe('Hold given back for b-3');
    expect(itemName(en, { kind: 'CLOSE', basketId: 'b-77' })).toBe('Sale b-77');
  });

  it('reads the new audit actions', () => {
    expect(describeAuditAction(en, 'VOID_SALE')).toBe('Sale voided');
    expect(describeAuditAction(en, 'VOID_TOPUP')).toBe('Top-up voided');
    expect(describeAuditAction(en, 'REFUND')).toBe('Refund made onto a card');
    expect(describeAuditAction(en, 'VOID_REFUND')).toBe('Refund voided');
    expect(describeAuditAction(en, 'APPROVE_TOPUP')).toBe('Large top-up approved');
    expect(describeAuditAction(en, 'TOPUP')).toBe('Card topped up');
  });
});
