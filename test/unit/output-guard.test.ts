// The output guard answers as zod's parse does, for every operation's output schema: the same
// accept or refuse, and when accepted the same value (the contract's fields only, in a new
// object). Values are made from each schema's shape, with now and then a field missing, a field
// added, or a part of the wrong kind; plainly shaped answers pass without zod's parse.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { operations } from '../../main/agent/contract/api';
import { outputGuard } from '../../main/agent/contract/output-guard';

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; format?: string } } }>;
  shape?: Record<string, { _zod: { def: Def; optin?: string } }>;
  element?: { _zod: { def: Def } };
  innerType?: { _zod: { def: Def } };
  options?: Array<{ _zod: { def: Def } }>;
  entries?: Record<string, unknown>;
  values?: unknown[];
  valueType?: { _zod: { def: Def } };
}

const odd = fc.oneof(
  fc.anything(),
  fc.constantFrom(undefined, null, NaN, Infinity, 1.5, 2 ** 53, '', [], {}),
);

/** Values shaped by the schema: each part now and then of the wrong kind (`wrong` in 1 of n). */
function shaped(def: Def, wrong: number): fc.Arbitrary<unknown> {
  const part = (a: fc.Arbitrary<unknown>) =>
    wrong ? fc.oneof({ weight: wrong, arbitrary: a }, { weight: 1, arbitrary: odd }) : a;
  const hasRegex = (def.checks ?? []).some((c) => c._zod.def.format === 'regex');
  switch (def.type) {
    case 'string':
      return part(
        hasRegex
          ? fc.constantFrom('GBP', 'EUR', 'gbp', 'GB', '2026-12-06', 'x')
          : fc.string({ maxLength: 6 }),
      );
    case 'number':
      return part(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, 100_000_001, -100_000_001)));
    case 'boolean':
      return part(fc.boolean());
    case 'enum':
      return part(fc.constantFrom(...Object.values(def.entries!), 'NOT_ONE'));
    case 'literal':
      return part(fc.constantFrom(...def.values!));
    case 'optional':
      return fc.option(shaped(def.innerType!._zod.def, wrong), { nil: undefined });
    case 'array':
      return part(fc.array(shaped(def.element!._zod.def, wrong), { maxLength: 3 }));
    case 'record':
      return part(fc.dictionary(fc.string({ maxLength: 3 }), shaped(def.valueType!._zod.def, wrong)));
    case 'union':
      return fc.oneof(...def.options!.map((o) => shaped(o._zod.def, wrong)));
    case 'object': {
      const entries = Object.entries(def.shape!);
      const required = entries.filter(([, f]) => f._zod.optin === undefined).map(([k]) => k);
      const record = fc.record(Object.fromEntries(entries.map(([k, f]) => [k, shaped(f._zod.def, wrong)])), {
        requiredKeys: required,
      });
      if (!wrong) return record;
      // Now and then a field the contract does not name, or a required one missing.
      return fc.oneof(
        { weight: wrong, arbitrary: record },
        {
          weight: 1,
          arbitrary: fc
            .tuple(record, fc.constantFrom('cardNumber', 'secret', ...required))
            .map(([r, k]) =>
              required.includes(k) ? omit(r, k) : { ...(r as object), [k]: '6280390000000011' },
            ),
        },
        { weight: 1, arbitrary: odd },
      );
    }
    default:
      return odd;
  }
}

function omit(value: unknown, key: string): unknown {
  const { [key]: _gone, ...rest } = value as Record<string, unknown>;
  return rest;
}

const outputs = Object.entries(operations).map(([name, op]) => [name, op.output as z.ZodType] as const);

describe('the output guard', () => {
  it.each(outputs)('%s: as zod parses it, value for value; what zod takes, without zod', (_name, schema) => {
    const guard = outputGuard(schema);
    const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
    const zod = vi.spyOn(schema, 'safeParse');
    try {
      for (const wrong of [0, 8, 3]) {
        fc.assert(
          fc.property(shaped(def, wrong), (value) => {
            zod.mockClear();
            const ours = guard(value);
            const askedZod = zod.mock.calls.length > 0;
            const zods = schema.safeParse(value);
            expect(ours.success).toBe(zods.success);
            if (zods.success) {
              expect(ours.data).toStrictEqual(zods.data);
              expect(askedZod).toBe(false);
            }
          }),
          { numRuns: 150 },
        );
      }
    } finally {
      zod.mockRestore();
    }
  });

  it('a close queued: in shape without zod, and a field outside the contract left behind', () => {
    const schema = operations.closeBasket.output;
    const guard = outputGuard(schema);
    const zod = vi.spyOn(schema, 'safeParse');
    const basket = {
      basketId: 'b-1',
      state: 'CLOSED',
      currency: 'GBP',
      totalMinor: 1250,
      lines: [
        { sku: 'SKU-1', description: 'Coffee', quantity: 1, unitPriceMinor: 1250, lineTotalMinor: 1250 },
      ],
      giftCardTenders: [
        {
          tenderId: 't-1',
          cardNumberMasked: '••••••••••••0011',
          cardNumber: '6280390000000011',
          amountMinor: 1000,
          balanceBeforeMinor: 5000,
          balanceAfterMinor: 4000,
          balanceCheckedAt: '2026-12-06T23:00:00.000Z',
          offline: false,
          held: false,
        },
      ],
      giftCardTotalMinor: 1000,
      dueMinor: 0,
      closeState: 'QUEUED',
    };
    const answer = { state: 'QUEUED', basket, itemId: 'itm_1', receiptLines: ['Gift card ending 0011'] };
    const out = guard(answer);
    expect(zod).not.toHaveBeenCalled();
    expect(out.success).toBe(true);
    expect(JSON.stringify(out.data)).not.toContain('6280390000000011');
    zod.mockRestore();
    expect(out.data).toStrictEqual(schema.safeParse(answer).data);
    // Out of shape (a balance that is not a whole number of pence): zod's refusal, with its issues.
    const bad = guard({ ...answer, basket: { ...basket, dueMinor: 0.5 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['basket', 'dueMinor']);
  });
});
