// Sealed cards bound to their rows: a value sealed for one row opens for that row only, whatever
// the ids (a POS's basket id may hold ':'); and the start-up upgrade from the old shared context.
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { bindSealedCards, openDatabase } from '../../main/agent/db';
import { silentLogger } from '../../main/agent';
import { cardContext, LEGACY_CARD_CONTEXT, Vault, VaultError } from '../../main/agent/vault';
import { tempDir } from '../helpers/tmp';

const vault = new Vault(Buffer.alloc(32, 3));

type Row =
  | { table: 'tenders'; basketId: string; tenderId: string }
  | { table: 'holds' | 'topups' | 'refunds'; id: string };

const contextOf = (r: Row): string =>
  r.table === 'tenders'
    ? cardContext.tender(r.basketId, r.tenderId)
    : r.table === 'holds'
      ? cardContext.hold(r.id)
      : r.table === 'topups'
        ? cardContext.topUp(r.id)
        : cardContext.refund(r.id);

const id = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'b', ':', '%', '3', 'A') });
const row: fc.Arbitrary<Row> = fc.oneof(
  fc.record({ table: fc.constant('tenders' as const), basketId: id, tenderId: id }),
  fc.record({ table: fc.constantFrom('holds' as const, 'topups' as const, 'refunds' as const), id }),
);

describe('a sealed card opens only for its own row', () => {
  it('opens with its row context, and with no other row’s (nor the old shared one)', () => {
    fc.assert(
      fc.property(row, row, fc.string(), (mine, other, card) => {
        const sealed = vault.seal(card, contextOf(mine));
        expect(vault.open(sealed, contextOf(mine))).toBe(card);
        expect(() => vault.open(sealed, LEGACY_CARD_CONTEXT)).toThrow(VaultError);
        if (JSON.stringify(mine) === JSON.stringify(other)) return;
        expect(contextOf(other)).not.toBe(contextOf(mine));
        expect(() => vault.open(sealed, contextOf(other))).toThrow(VaultError);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the start-up upgrade from the old shared context', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  function databaseWithLegacyTender(sealedWith: Vault) {
    const t = tempDir();
    const db = openDatabase(path.join(t.dir, 'till-agent.db'));
    cleanups.push(() => (db.close(), t.remove()));
    db.prepare(
      `INSERT INTO baskets (basket_id, state, currency, total_minor, lines, opened_at, updated_at) VALUES ('b:1', 'OPEN', 'GBP', 100, '[]', 'x', 'x')`,
    ).run();
    db.prepare(
      `INSERT INTO tenders (tender_id, basket_id, position, card_sealed, card_fingerprint, card_masked, amount_minor, balance_before_minor, balance_checked_at)
       VALUES ('tnd_1', 'b:1', 1, ?, 'f', '••••1234', 100, 500, 'x')`,
    ).run(sealedWith.seal('{"cardNumber":"6280001234"}', LEGACY_CARD_CONTEXT));
    const sealed = () =>
      (
        db.prepare(`SELECT card_sealed FROM tenders WHERE tender_id = 'tnd_1'`).get() as {
          card_sealed: Buffer;
        }
      ).card_sealed;
    return { db, sealed };
  }

  it('re-seals each card under its row, once', () => {
    const { db, sealed } = databaseWithLegacyTender(vault);

    expect(bindSealedCards(db, vault, silentLogger)).toEqual({ rebound: 1, unreadable: 0 });

    expect(vault.open(sealed(), cardContext.tender('b:1', 'tnd_1'))).toContain('6280001234');
    expect(() => vault.open(sealed(), LEGACY_CARD_CONTEXT)).toThrow(VaultError);
    const after = sealed();
    expect(bindSealedCards(db, vault, silentLogger)).toEqual({ rebound: 0, unreadable: 0 });
    expect(sealed()).toEqual(after);
  });

  it('leaves a card it cannot open (another key) as it is, and tries again at the next start', () => {
    const { db, sealed } = databaseWithLegacyTender(new Vault(Buffer.alloc(32, 9)));
    const before = sealed();

    expect(bindSealedCards(db, vault, silentLogger)).toEqual({ rebound: 0, unreadable: 1 });

    expect(sealed()).toEqual(before);
    expect(db.prepare(`SELECT 1 FROM meta WHERE key = 'cards_bound_to_rows'`).get()).toBeUndefined();
  });
});
