// The simulator's state and its decisions, without HTTP: which fault acts on a request, and
// what Centegra answers once it gets past them. server.ts only carries these over the wire.
import { errorAnswer, badRequest, type Answer } from './answers';
import {
  capabilitiesOf,
  DEFAULT_SEED,
  defaultFaults,
  faultsApplyTo,
  hits,
  mergeFaults,
  mulberry32,
  type ApiPath,
  type Faults,
} from './faults';
import { IdempotencyStore, isStorable } from './idempotency';
import type { JsonBody } from './wire';
import { RequestLog } from './recorder';
import { CardStore, type SimCard } from './store';
import {
  bodyValidators,
  describeAjvErrors,
  type BodyPath,
  type CloseBody,
  type HoldBody,
  type InquiryBody,
  type IssuanceBody,
  type RefundBody,
  type ReleaseBody,
  type VoidBody,
} from './validate';

/** A fault that answered instead of Centegra, and the name it is recorded under. */
export interface Gated {
  answer: Answer;
  fault?: string;
}

export interface Processed {
  answer: Answer;
  replayed: boolean;
  /** The call got as far as Factor4 (a business answer or a replay of one): post-processing faults may act. */
  reachedFactor4: boolean;
}

export class Simulation {
  readonly store: CardStore;
  readonly idempotency = new IdempotencyStore();
  readonly log = new RequestLog();
  private currentFaults = defaultFaults();
  private random: () => number;
  /** How far a test has moved the simulator's clock past real time. */
  private clockOffsetMs = 0;

  constructor(
    readonly apiKey: string,
    seedCards: readonly SimCard[],
    private readonly seed: number = DEFAULT_SEED,
  ) {
    this.store = new CardStore(seedCards, () => this.now());
    this.random = mulberry32(seed);
  }

  /** The simulator's clock (ms since the epoch): real time, plus whatever advanceClock added. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the clock on, so holds lapse without a test waiting for them. Never backwards. */
  advanceClock(ms: number): number {
    if (!Number.isSafeInteger(ms) || ms < 0) {
      throw new RangeError('advanceClock: ms must be a whole number of milliseconds, 0 or more.');
    }
    this.clockOffsetMs += ms;
    return this.now();
  }

  /** A copy: changing it changes nothing; use setFaults. */
  faults(): Faults {
    return mergeFaults(this.currentFaults, {});
  }

  setFaults(patch: unknown): Faults {
    this.currentFaults = mergeFaults(this.currentFaults, patch);
    return this.faults();
  }

  replaceFaults(faults: unknown): Faults {
    this.currentFaults = mergeFaults(defaultFaults(), faults);
    return this.faults();
  }

  clearFaults(): Faults {
    this.currentFaults = defaultFaults();
    return this.faults();
  }

  /** Demo cards, no faults, empty log, books and idempotency store, real time, the fault dice re-seeded. */
  reset(): void {
    this.clockOffsetMs = 0;
    this.store.reset();
    this.idempotency.clear();
    this.log.reset();
    this.currentFaults = defaultFaults();
    this.random = mulberry32(this.seed);
  }

  /** The delay the latency fault adds to this request (0 when off). */
  latencyMs(faults: Faults): number {
    const jitterMs = faults.latencyJitterMs > 0 ? Math.round(this.random() * faults.latencyJitterMs) : 0;
    return faults.latencyMs + jitterMs;
  }

  /** Auth and the faults that answer before anything is processed, in Centegra's order. */
  gate(path: ApiPath, faults: Faults, apiKey: string | undefined): Gated | undefined {
    // Centegra in maintenance answers before it reads the key.
    if (faultsApplyTo(faults, path) && faults.centegraUnavailable) {
      const answer = errorAnswer(
        503,
        'CENTEGRA_UNAVAILABLE',
        'Centegra Plus is in maintenance; retry after the time in Retry-After.',
      );
      return {
        fault: 'centegra-unavailable',
        answer: { ...answer, headers: { 'retry-after': String(faults.centegraUnavailable.retryAfterS) } },
      };
    }
    if (apiKey === undefined || apiKey !== this.apiKey) {
      return {
        answer: errorAnswer(401, 'KEY_INVALID', 'X-Api-Key is missing or not a key Centegra Plus knows.'),
      };
    }
    if (!faultsApplyTo(faults, path)) return undefined;
    if (faults.keyDisabled) {
      return {
        fault: 'key-disabled',
        answer: errorAnswer(
          403,
          'KEY_DISABLED',
          'The "Factor4 Gift Card" API key is disabled in Centegra Plus.',
        ),
      };
    }
    const callsFactor4 = path !== '/status';
    if (faults.siteNotConfigured && callsFactor4) {
      return {
        fault: 'site-not-configured',
        answer: errorAnswer(
          403,
          'SITE_NOT_CONFIGURED',
          'Factor4 is not configured for this site in Centegra Plus.',
        ),
      };
    }
    if (faults.rateLimited) {
      const answer = errorAnswer(
        429,
        'RATE_LIMITED',
        'Too many requests; retry after the time in Retry-After.',
      );
      return {
        fault: 'rate-limited',
        answer: { ...answer, headers: { 'retry-after': String(faults.rateLimited.retryAfterS) } },
      };
    }
    if (faults.factor4Down && callsFactor4) {
      return {
        fault: 'factor4-down',
        answer: errorAnswer(503, 'FACTOR4_UNAVAILABLE', 'Factor4 is not answering Centegra Plus.'),
      };
    }
    if (hits(this.random, faults.errorRate)) {
      // An unexplained failure (a crash, a proxy): INTERNAL either way, with no Retry-After. Centegra's
      // own declared maintenance (CENTEGRA_UNAVAILABLE) is the centegraUnavailable fault.
      const message =
        faults.errorStatus === 503
          ? 'Centegra Plus is temporarily unavailable.'
          : 'Centegra Plus failed internally.';
      return { fault: 'error', answer: errorAnswer(faults.errorStatus, 'INTERNAL', message) };
    }
    return undefined;
  }

  /** Validation, idempotency and the business rules. Synchronous on purpose: see server.ts. */
  process(path: ApiPath, faults: Faults, body: JsonBody | undefined): Processed {
    if (path === '/status') {
      const factor4 = faultsApplyTo(faults, path) && faults.factor4Down ? 'DOWN' : 'UP';
      const answer = {
        status: 200,
        body: {
          centegra: 'UP',
          factor4,
          key: 'ENABLED',
          serverTime: new Date(this.now()).toISOString(),
          capabilities: capabilitiesOf(faults),
        },
      };
      return { answer, replayed: false, reachedFactor4: false };
    }
    if (!body?.ok) return notApplied(body?.answer ?? badRequest('body: is required (a JSON object)'));
    const validate = bodyValidators()[path];
    if (!validate(body.value)) {
      const problems = describeAjvErrors(validate.errors);
      return notApplied(
        badRequest(`Request does not match the contract: ${problems.join('; ')}`, { problems }),
      );
    }
    if (path === '/cards/inquiry') {
      // The contract's validator for this path accepted the body just above, so the cast holds.
      const answer = this.store.inquiry(body.value as InquiryBody);
      return { answer, replayed: false, reachedFactor4: isStorable(answer) };
    }
    return this.idempotent(path, body.value);
  }

  private idempotent(path: Exclude<BodyPath, '/cards/inquiry'>, value: unknown): Processed {
    const requestId = (value as { requestId: string }).requestId;
    const seen = this.idempotency.lookup(requestId, path, value);
    if (seen.kind === 'replay') return { answer: seen.answer, replayed: true, reachedFactor4: true };
    if (seen.kind === 'conflict') {
      const where = seen.endpoint === path ? 'with a different body' : `on ${seen.endpoint}`;
      return notApplied(
        errorAnswer(409, 'IDEMPOTENCY_CONFLICT', `requestId "${requestId}" was already used ${where}.`, {
          requestId,
        }),
      );
    }
    const answer = this.apply(path, value);
    this.idempotency.remember(requestId, path, value, answer);
    return { answer, replayed: false, reachedFactor4: isStorable(answer) };
  }

  private apply(path: Exclude<BodyPath, '/cards/inquiry'>, value: unknown): Answer {
    // process() ran the contract's validator for this path on this body, so the casts hold.
    switch (path) {
      case '/cards/issuance':
        return this.store.issue(value as IssuanceBody);
      case '/baskets/close':
        return this.store.closeBasket(value as CloseBody);
      case '/transactions/void':
        return this.store.voidOperation(value as VoidBody);
      case '/cards/holds':
        return this.store.placeHold(value as HoldBody);
      case '/cards/holds/release':
        return this.store.releaseHold(value as ReleaseBody);
      case '/cards/refunds':
        return this.store.refund(value as RefundBody);
    }
  }

  /** Faults that act after the operation was applied: the client cannot tell whether it was. */
  afterProcessing(
    path: ApiPath,
    faults: Faults,
    processed: Processed,
  ): 'factor4-timeout' | 'drop-after-processing' | undefined {
    if (!faultsApplyTo(faults, path)) return undefined;
    if (processed.reachedFactor4 && hits(this.random, faults.factor4TimeoutRate)) return 'factor4-timeout';
    if (
      (processed.reachedFactor4 || path === '/status') &&
      hits(this.random, faults.dropAfterProcessingRate)
    ) {
      return 'drop-after-processing';
    }
    return undefined;
  }
}

const notApplied = (answer: Answer): Processed => ({ answer, replayed: false, reachedFactor4: false });

export const factor4Timeout = (): Answer =>
  errorAnswer(
    504,
    'FACTOR4_TIMEOUT',
    'Factor4 did not answer in time; the outcome is unknown. Retry with the same requestId.',
  );
