// An inquiry's log line and its balance note are written once its answer is out (the POS's reply,
// the screen's card event), not on the way to it; the same line, with the card masked.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BalanceBook, CardInquiry } from '../../main/agent/cards';
import type { CardInfo, CentegraResult } from '../../main/agent/centegra';
import { openDatabase } from '../../main/agent/db';
import type { Logger } from '../../main/agent/logger';
import { tempDir } from '../helpers/tmp';

const CARD = '6280390000000011';

function inquiryWith(answer: 'ok' | 'refused') {
  const t = tempDir();
  const db = openDatabase(path.join(t.dir, 'agent.db'));
  const info = vi.fn<Logger['info']>();
  const log: Logger = { debug: () => {}, info, warn: () => {}, error: () => {} };
  const balances = new BalanceBook(db);
  const inquiry = new CardInquiry({
    centegra: {
      inquire: async (): Promise<CentegraResult<CardInfo>> =>
        answer === 'ok'
          ? { ok: true, value: { cardNumber: CARD, status: 'ACTIVE', balanceMinor: 2500, currency: 'GBP' } }
          : {
              ok: false,
              error: {
                code: 'CARD_NOT_FOUND',
                message: 'No such card.',
                outcomeUnknown: false,
                cause: 'NOT_FOUND',
                link: 'ONLINE',
              },
            },
    },
    fingerprint: (n) => `fp-${n.slice(-4)}`,
    balances,
    scheme: { pattern: '^[0-9]{16}$', luhn: false },
    findScan: () => undefined,
    log,
    now: () => new Date(),
  });
  return { inquiry, info, balances, close: () => (db.close(), t.remove()) };
}

describe('the card inquiry log line', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it.each(['ok', 'refused'] as const)('is written after the answer (%s), masked', async (answer) => {
    const made = inquiryWith(answer);
    close = made.close;
    const result = await made.inquiry.inquire({ cardNumber: CARD });
    expect(result.ok).toBe(answer === 'ok');
    expect(made.info).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(made.info).toHaveBeenCalledTimes(1);
    const [fields, message] = made.info.mock.calls[0]!;
    expect(message).toBe(answer === 'ok' ? 'card inquiry' : 'card inquiry refused');
    expect(fields).toMatchObject({ card: expect.stringMatching(/0011$/), centegraMs: expect.any(Number) });
    expect(JSON.stringify(fields)).not.toContain(CARD);
  });

  it('notes the balance once the answer is out too, as of when it came', async () => {
    const made = inquiryWith('ok');
    close = made.close;
    const result = await made.inquiry.inquire({ cardNumber: CARD });
    expect(made.balances.lastKnown('fp-0011')).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(made.balances.lastKnown('fp-0011')).toMatchObject({
      balanceMinor: 2500,
      checkedAt: result.ok ? result.value.checkedAt : 'never',
    });
  });
});
