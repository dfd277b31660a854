// Checks request bodies against the contract itself (centegra-giftcards.openapi.yaml, read at
// run time), so the simulator cannot drift from the YAML the agent is written against.
import fs from 'node:fs';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

export const contractUrl = new URL('../agent/centegra/centegra-giftcards.openapi.yaml', import.meta.url);
const CONTRACT_ID = 'https://till-agent.invalid/centegra-giftcards.openapi.yaml';

export interface CardRef {
  cardNumber: string;
  pin?: string;
  entryType?: 'BARCODE' | 'QR' | 'KEYED';
}
export interface Till {
  siteId: string;
  tillId: string;
}
export interface Money {
  amountMinor: number;
  currency: string;
}
export interface InquiryBody {
  till: Till;
  card: CardRef;
}
export interface IssuanceBody {
  requestId: string;
  till: Till;
  card: CardRef;
  amount: Money;
}
export interface BasketLine {
  sku: string;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
}
export interface Tender {
  kind: 'GIFT_CARD' | 'CARD' | 'CASH' | 'OTHER';
  amountMinor: number;
  card?: CardRef;
  /** 1.1: capture this hold (GIFT_CARD only). */
  holdId?: string;
}
export interface CloseBody {
  requestId: string;
  till: Till;
  basketId: string;
  closedAt: string;
  currency: string;
  totalMinor: number;
  lines: BasketLine[];
  tenders: Tender[];
}
export interface VoidBody {
  requestId: string;
  till: Till;
  originalRequestId: string;
}

export interface HoldBody {
  requestId: string;
  till: Till;
  basketId: string;
  card: CardRef;
  amount: Money;
  /** The contract's default (1800) applies when absent. */
  ttlSeconds?: number;
}
export interface ReleaseBody {
  requestId: string;
  till: Till;
  holdId: string;
}
export interface RefundBody {
  requestId: string;
  till: Till;
  refundId: string;
  originalRequestId?: string;
  card: CardRef;
  amount: Money;
  reason?: string;
}

export interface BodyValidators {
  '/cards/inquiry': ValidateFunction<InquiryBody>;
  '/cards/issuance': ValidateFunction<IssuanceBody>;
  '/baskets/close': ValidateFunction<CloseBody>;
  '/transactions/void': ValidateFunction<VoidBody>;
  '/cards/holds': ValidateFunction<HoldBody>;
  '/cards/holds/release': ValidateFunction<ReleaseBody>;
  '/cards/refunds': ValidateFunction<RefundBody>;
}
export type BodyPath = keyof BodyValidators;

let compiled: BodyValidators | undefined;

/** Compiled once per process: every simulator (tests start many) shares them. */
export function bodyValidators(): BodyValidators {
  compiled ??= compileValidators(parseYaml(fs.readFileSync(contractUrl, 'utf8')) as object);
  return compiled;
}

function compileValidators(contract: object): BodyValidators {
  // strict: false because an OpenAPI document carries keywords (examples, description on $ref) Ajv's strict mode rejects.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...contract, $id: CONTRACT_ID });
  const forPath = <T>(path: BodyPath): ValidateFunction<T> => {
    const pointer = `/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/post/requestBody/content/application~1json/schema`;
    return ajv.compile<T>({ $ref: `${CONTRACT_ID}#${pointer}` });
  };
  return {
    '/cards/inquiry': forPath<InquiryBody>('/cards/inquiry'),
    '/cards/issuance': forPath<IssuanceBody>('/cards/issuance'),
    '/baskets/close': forPath<CloseBody>('/baskets/close'),
    '/transactions/void': forPath<VoidBody>('/transactions/void'),
    '/cards/holds': forPath<HoldBody>('/cards/holds'),
    '/cards/holds/release': forPath<ReleaseBody>('/cards/holds/release'),
    '/cards/refunds': forPath<RefundBody>('/cards/refunds'),
  };
}

/** "amount.amountMinor: must be integer", one per problem, so the client sees which field is wrong. */
export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    // A failed `if`/`anyOf` repeats what its branches said; the branches name the field better.
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const segments = e.instancePath.split('/').slice(1).map(unescapePointer);
    if (e.keyword === 'required')
      segments.push(String((e.params as { missingProperty: string }).missingProperty));
    const field = segments.length
      ? segments
          .map((s) => (/^[0-9]+$/.test(s) ? `[${s}]` : `.${s}`))
          .join('')
          .slice(1)
      : '(body)';
    const problem =
      e.keyword === 'required'
        ? 'is required'
        : e.keyword === 'enum'
          ? `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`
          : (e.message ?? 'is not valid');
    seen.add(`${field}: ${problem}`);
  }
  return [...seen];
}

const unescapePointer = (segment: string): string => segment.replaceAll('~1', '/').replaceAll('~0', '~');
