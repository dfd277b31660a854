// Activating or topping up a card (Factor4 Gift Issuance): money the shop took, so the top-up is
// written (fsync'd) before Centegra is asked, with one requestId for every try. An unclear answer
// is asked again with it (Centegra applies it once); one still unclear answers 202 PENDING and is
// settled in the background, announced by a `topup` event. Voided like a basket, through the queue.
import { hash, randomBytes, randomUUID } from 'node:crypto';
import { retryWhile } from '../backoff';
import { maskCardNumber, type CardInquiry, type ResolvedCard } from '../cards';
import type { Centegra } from '../centegra';
import { fail, ok, type ApiError, type ErrorCode, type Handlers, type Result, type TopUp } from '../contract';
import { withRelaxedDurability, type Storage } from '../db';
import type { EventInput } from '../events';
import { afterAnswer, logAfterAnswer } from '../after-answer';
import type { Logger } from '../logger';
import { formatMinor } from '../../common';
import {
  type DeliveryWorker,
  type OutboxItem,
  type OutboxStore,
  type QueueService,
  type VoidBody,
} from '../queue';
import { creditReceiptLines } from '../receipts';
import { localDayBounds } from '../reports';
import type { ManagerService } from '../manager';
import { cardContext, VaultError, type Vault } from '../vault';
import { TopUpRows, type TopUpRecord } from './rows';

export type TopUpOperation = 'topUp' | 'screenTopUp' | 'listTopUps' | 'getTopUp' | 'voidTopUp';

export interface TopUpDeps {
  storage: Storage;
  /** The Centegra client whose answers the link records. */
  centegra: Pick<Centegra, 'issue'>;
  cards: CardInquiry;
  vault: Vault;
  outbox: OutboxStore;
  delivery: DeliveryWorker;
  queue: QueueService;
  currency: string;
  limits: { maxMinor: number; approvalAboveMinor?: number };
  /** A manager's say-so for a large top-up on the Till Agent screen (their session); the audit log. */
  manager: Pick<ManagerService, 'check' | 'audit'>;
  online(): boolean;
  probe(): void;
  /** Why Centegra can't be asked while the link is not ONLINE: a top-up refused for it says so. */
  linkRefusal?(): { code: ErrorCode; message: string };
  emit(event: EventInput): void;
  log: Logger;
  now(): Date;
}

export interface TopUpInput {
  scanId?: string;
  cardNumber?: string;
  pin?: string;
  amountMinor: number;
  currency: string;
  topUpId?: string;
  requestId?: string;
  posReference?: string;
}

/** Three tries in all, about a quarter and half a second apart: the customer is at the till. */
const UNCLEAR_ANSWER_RETRY = { tries: 3, policy: { floorMs: 250, baseMs: 250, capMs: 1000 } };
/** Pending top-ups are asked about again this often while Centegra answers. */
const SETTLE_EVERY_MS = 15_000;

export class TopUps {
  private readonly rows: TopUpRows;
  private settleTimer: NodeJS.Timeout | undefined;
  private settling: Promise<void> | undefined;
  private closed = false;

  readonly handlers: Handlers<TopUpOperation> = {
    topUp: (input) => this.topUp(input),
    screenTopUp: async (input) => {
      const { session, ...topUp } = input;
      const above = this.deps.limits.approvalAboveMinor;
      if (above !== undefined && topUp.amountMinor > above) {
        const allowed = session
          ? this.deps.manager.check(session)
          : fail('MANAGER_SESSION_EXPIRED', 'No manager session.');
        if (!allowed.ok)
          return fail(
            'MANAGER_SESSION_EXPIRED',
            `A top-up over ${formatMinor(above, this.deps.currency)} needs a manager: ask them to enter the manager PIN.`,
            { approvalAboveMinor: above },
          );
        const r = await this.topUp(topUp);
        if (r.ok)
          this.deps.manager.audit(
            'APPROVE_TOPUP',
            undefined,
            `${r.value.topUpId} (${formatMinor(topUp.amountMinor, topUp.currency)})`,
          );
        return r;
      }
      return this.topUp(topUp);
    },
    listTopUps: async (input) => ok({ topUps: this.list(input.date) }),
    getTopUp: async (input) => this.get(input.topUpId),
    voidTopUp: async (input) => this.void(input.topUpId),
  };

  constructor(private readonly deps: TopUpDeps) {
    this.rows = new TopUpRows(deps.storage.db);
  }

  async topUp(input: TopUpInput): Promise<Result<TopUp>> {
    const { deps } = this;
    if (input.currency !== deps.currency)
      return fail('BAD_REQUEST', `This till tops up in ${deps.currency}, not ${input.currency}.`);
    if (input.topUpId && input.requestId && input.topUpId !== input.requestId)
      return fail('BAD_REQUEST', 'Send the top-up id once: topUpId (requestId is its older name).');
    if (input.amountMinor > deps.limits.maxMinor)
      return fail(
        'TOPUP_LIMIT',
        `A top-up here is at most ${formatMinor(deps.limits.maxMinor, deps.currency)} (topUps.maxMinor). Load the rest as a second top-up, or ask a manager.`,
        { maxMinor: deps.limits.maxMinor },
      );
    const card = deps.cards.resolve(input);
    if (!card.ok) return card;
    const fingerprint = deps.vault.fingerprint(card.value.cardNumber);
    const requestKey = keyOf([fingerprint, input.amountMinor, input.currency, input.posReference ?? '']);
    const topUpId =
      input.topUpId ?? input.requestId ?? `tu_${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;
    const earlier = this.rows.get(topUpId);
    if (earlier) {
      // The POS asking again (a lost answer): the first result, or what it has become.
      if (earlier.requestKey !== requestKey)
        return fail(
          'CONFLICT',
          `Top-up ${topUpId} was already taken for another card, amount or sale. Use a new topUpId for a new top-up.`,
        );
      return earlier.state === 'FAILED'
        ? fail(failureOf(earlier).code, failureOf(earlier).message)
        : ok(this.view(earlier, card.value));
    }
    if (!deps.online()) {
      deps.probe();
      const NOTHING = 'Nothing was recorded: give the money back or try again when the till is back online.';
      // The link's own reason (key switched off, Factor4 down…), as checking a balance would say it.
      const why = deps.linkRefusal?.();
      if (why && why.code !== 'OFFLINE') return fail(why.code, `${why.message} ${NOTHING}`);
      return fail(
        'OFFLINE',
        `Centegra Plus can't be reached, so cards can't be topped up or activated now. ${NOTHING}`,
      );
    }
    const requestId = randomUUID();
    const masked = maskCardNumber(card.value.cardNumber);
    // As written, so it is sent without being read back. Its first try is counted in the same
    // commit (it is sent right after): one write fewer while the customer waits.
    const record: TopUpRecord = {
      topUpId,
      requestId,
      state: 'PENDING',
      amountMinor: input.amountMinor,
      currency: input.currency,
      cardMasked: masked,
      cardFingerprint: fingerprint,
      cardSealed: deps.vault.sealJson(
        { cardNumber: card.value.cardNumber, pin: card.value.pin, entryType: card.value.entryType },
        cardContext.topUp(topUpId),
      ),
      ...(input.posReference ? { posReference: input.posReference } : {}),
      requestKey,
      createdAt: deps.now().toISOString(),
      attempts: 1,
    };
    const written = deps.storage.write(() => {
      this.rows.insert({ ...record, cardSealed: record.cardSealed! });
      return ok(undefined);
    });
    if (!written.ok) return written;
    // Money the shop took: every top-up is in the audit log beside the manager's actions, written
    // with what Centegra answered (in the same commit, so one fsync records both).
    const audit = (state: TopUpRecord['state']) =>
      this.deps.manager.audit(
        'TOPUP',
        undefined,
        `${topUpId}: ${formatMinor(input.amountMinor, input.currency)} to the card ending ${masked.slice(-4)}, ${state}${input.posReference ? ` (POS sale ${input.posReference})` : ''}`,
      );
    const settled = await this.send(record, card.value, { audit, firstCounted: true });
    const t = settled.record;
    if (t.state === 'FAILED') return fail(failureOf(t).code, failureOf(t).message);
    return ok(settled.view ?? this.view(t, card.value));
  }

  get(topUpId: string): Result<TopUp> {
    const t = this.rows.get(topUpId);
    return t ? ok(this.view(t)) : fail('NOT_FOUND', `There is no top-up ${topUpId} on this till.`);
  }

  /** The top-ups of one local day (default today), newest first. */
  list(date?: string): TopUp[] {
    const day = localDayBounds(date, this.deps.now());
    return this.rows.between(day.from, day.to).map((t) => this.view(t));
  }

  /** Voids a DONE top-up: queued like a basket void; VOIDING until Centegra confirms, then VOIDED. */
  void(topUpId: string): Result<TopUp> {
    const t = this.rows.get(topUpId);
    if (!t) return fail('NOT_FOUND', `There is no top-up ${topUpId} on this till.`);
    if (t.state === 'VOIDING' || t.state === 'VOIDED') return ok(this.view(t));
    if (t.state !== 'DONE')
      return fail(
        'CONFLICT',
        t.state === 'PENDING'
          ? 'This top-up is not confirmed yet, so it cannot be voided. Wait until it is DONE, then void it.'
          : 'This top-up did not go through, so there is nothing to void.',
      );
    const at = this.deps.now().toISOString();
    const written = this.deps.storage.write(() => {
      const requestId = randomUUID();
      const itemId = this.deps.outbox.insert({
        kind: 'VOID',
        basketId: '',
        topUpId,
        requestId,
        body: Buffer.from(
          JSON.stringify({ requestId, originalRequestId: t.requestId } satisfies VoidBody),
          'utf8',
        ),
        createdAt: at,
        giftCardTotalMinor: t.amountMinor,
        currency: t.currency,
        cardsMasked: [t.cardMasked],
        cardKeys: [t.cardFingerprint],
        nextAttemptMs: this.deps.queue.firstAttemptMs(),
      });
      this.rows.markVoiding(topUpId, itemId);
      return ok(undefined);
    });
    if (!written.ok) return written;
    this.deps.delivery.wake();
    this.deps.queue.announce();
    this.deps.manager.audit('VOID_TOPUP', undefined, `${topUpId}: ${formatMinor(t.amountMinor, t.currency)}`);
    return this.announce(topUpId);
  }

  /** A top-up's void settled in the queue: VOIDED, or DONE again when Centegra refused it. */
  afterDelivery(settled: ReadonlyArray<{ item: OutboxItem }>): void {
    for (const { item } of settled) {
      if (item.kind !== 'VOID' || !item.topUpId) continue;
      if (item.state !== 'DELIVERED' && item.state !== 'FAILED') continue;
      try {
        if (this.rows.voidSettled(item.itemId, item.state === 'DELIVERED' ? 'VOIDED' : 'DONE'))
          this.announce(item.topUpId);
      } catch (e) {
        this.deps.log.warn({ err: (e as Error).message }, 'could not note a top-up void');
      }
    }
  }

  /**
   * Top-ups whose answer was lost, asked again with their own requestId (Centegra answers the first
   * result, and never loads a card twice). Now (the agent started, or Centegra is back), and every
   * SETTLE_EVERY_MS while any is pending.
   */
  settlePending(): Promise<void> {
    this.settling ??= this.settleNow().finally(() => {
      this.settling = undefined;
    });
    return this.settling;
  }

  close(): void {
    this.closed = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
  }

  private async settleNow(): Promise<void> {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    let left = false;
    for (const t of this.rows.pending(50)) {
      if (this.closed || !this.deps.online()) {
        left = true;
        break;
      }
      if (!t.cardSealed) continue;
      let card: ResolvedCard;
      try {
        card = this.deps.vault.openJson<ResolvedCard>(t.cardSealed, cardContext.topUp(t.topUpId));
      } catch (e) {
        if (!(e instanceof VaultError)) throw e;
        // Sealed for another row or under another key: not sent with a card that is not its own.
        // It stays PENDING, in the top-ups list, for a manager to settle with Centegra.
        this.deps.log.error(
          { topUpId: t.topUpId, err: e.message },
          "a pending top-up's card cannot be opened; it is not sent",
        );
        continue;
      }
      const after = await this.send(t, card);
      if (after.record.state === 'PENDING') left = true;
    }
    if (left && !this.closed) {
      this.settleTimer = setTimeout(() => void this.settlePending(), SETTLE_EVERY_MS);
      this.settleTimer.unref();
    }
  }

  /**
   * Asks Centegra (with the top-up's own requestId) and records what it said; announces a
   * settlement (once the answer is out, with the view it answers, which it returns). `audit`, given
   * while the customer waits (the POS or the screen asked): Centegra is asked again at once on an
   * unclear answer, and the top-up's audit entry is written in the commit that records the answer.
   * `firstCounted`: the first try was counted as the top-up was written.
   */
  private async send(
    t: TopUpRecord,
    card: ResolvedCard,
    options: { audit?: (state: TopUpRecord['state']) => void; firstCounted?: boolean } = {},
  ): Promise<{ record: TopUpRecord; view?: TopUp }> {
    const { deps } = this;
    const { audit } = options;
    // A count of tries for the manager's view: bookkeeping, not fsync'd (a power cut may lose one).
    // The first was counted with the row when `firstCounted`; `counted`: tries counted here since.
    let countedWithRow = options.firstCounted === true;
    let counted = 0;
    const issue = () => {
      if (countedWithRow) countedWithRow = false;
      else {
        counted++;
        this.tryQuietly(() =>
          withRelaxedDurability(deps.storage.db, () => this.rows.countAttempt(t.topUpId)),
        );
      }
      return deps.centegra.issue(t.requestId, card, t.amountMinor, t.currency);
    };
    const result = audit
      ? await retryWhile(issue, (r) => !r.ok && r.error.outcomeUnknown, UNCLEAR_ANSWER_RETRY)
      : await issue();
    const at = deps.now().toISOString();
    let after: TopUpRecord | undefined;
    if (result.ok) {
      const tx = result.value;
      let done = false;
      const written = deps.storage.write(() => {
        done = this.rows.markDone(t.topUpId, at, tx.transactionId, tx.balanceAfterMinor);
        audit?.('DONE');
        return ok(undefined);
      });
      if (!written.ok) {
        // Loaded at Factor4 but not recorded here: left PENDING, it is asked again and Centegra
        // answers the same load (its requestId), never a second one.
        this.tryQuietly(() => audit?.('PENDING'));
        this.settleSoon();
        return { record: t };
      }
      // What markDone wrote, known without reading it back (unless another settlement got there first).
      if (done) {
        const { cardSealed: _sealed, errorCode: _code, errorMessage: _message, ...kept } = t;
        after = {
          ...kept,
          state: 'DONE',
          attempts: t.attempts + counted,
          settledAt: at,
          transactionId: tx.transactionId,
          balanceAfterMinor: tx.balanceAfterMinor,
        };
      }
      // The balance noted and the log line, once the answer is out (after-answer.ts).
      afterAnswer(() =>
        deps.cards.note(card.cardNumber, {
          status: 'ACTIVE',
          balanceMinor: tx.balanceAfterMinor,
          currency: tx.currency,
        }),
      );
      logAfterAnswer(
        deps.log,
        { card: t.cardMasked, amountMinor: t.amountMinor, replayed: result.replayed },
        'card topped up',
      );
    } else if (result.error.outcomeUnknown || retryable(result.error.code)) {
      deps.log.warn(
        {
          card: t.cardMasked,
          code: result.error.code,
          cause: result.error.cause,
          unknown: result.error.outcomeUnknown,
        },
        'top-up not confirmed yet',
      );
      this.tryQuietly(() => audit?.('PENDING'));
      this.settleSoon();
      return { record: this.rows.get(t.topUpId)! };
    } else {
      const { code, message } = result.error;
      const written = deps.storage.write(() => {
        this.rows.markFailed(t.topUpId, at, code, message);
        audit?.('FAILED');
        return ok(undefined);
      });
      if (!written.ok) this.tryQuietly(() => audit?.('PENDING'));
      deps.log.warn({ card: t.cardMasked, code, cause: result.error.cause }, 'top-up refused');
    }
    after ??= this.rows.get(t.topUpId)!;
    const view = this.view(after, card);
    afterAnswer(() => deps.emit({ type: 'topup', data: view }));
    return { record: after, view };
  }

  private settleSoon(): void {
    if (this.settleTimer || this.closed) return;
    this.settleTimer = setTimeout(() => void this.settlePending(), SETTLE_EVERY_MS);
    this.settleTimer.unref();
  }

  private announce(topUpId: string): Result<TopUp> {
    const view = this.view(this.rows.get(topUpId)!);
    this.deps.emit({ type: 'topup', data: view });
    return ok(view);
  }

  private tryQuietly(work: () => void): void {
    try {
      work();
    } catch {
      // A count of tries, an audit line the storage could not take: the top-up does not depend on them.
    }
  }

  view(t: TopUpRecord, card?: ResolvedCard): TopUp {
    const done = t.state === 'DONE' || t.state === 'VOIDING' || t.state === 'VOIDED';
    return {
      topUpId: t.topUpId,
      state: t.state,
      amountMinor: t.amountMinor,
      currency: t.currency,
      cardNumberMasked: t.cardMasked,
      ...(card?.scanId ? { scanId: card.scanId } : {}),
      ...(done && t.balanceAfterMinor !== undefined
        ? { status: 'ACTIVE' as const, balanceMinor: t.balanceAfterMinor, checkedAt: t.settledAt }
        : {}),
      ...(t.transactionId ? { transactionId: t.transactionId } : {}),
      ...(t.posReference ? { posReference: t.posReference } : {}),
      createdAt: t.createdAt,
      ...(t.state === 'FAILED' ? { error: failureOf(t) } : {}),
      ...(t.state === 'PENDING' || t.state === 'DONE'
        ? {
            receiptLines: creditReceiptLines(
              'TOP_UP',
              {
                cardNumberMasked: t.cardMasked,
                amountMinor: t.amountMinor,
                ...(t.state === 'DONE' && t.balanceAfterMinor !== undefined
                  ? { balanceAfterMinor: t.balanceAfterMinor }
                  : {}),
              },
              t.currency,
            ),
          }
        : {}),
    };
  }
}

function failureOf(t: TopUpRecord): ApiError {
  return {
    code: (t.errorCode ?? 'CENTEGRA_ERROR') as ErrorCode,
    message: t.errorMessage ?? 'Centegra Plus refused this top-up.',
  };
}

/**
 * Answers that say Centegra could not take it just now (unreachable, Factor4 down, slow down,
 * a fault): the top-up stays PENDING and is sent again, so the money the shop took still loads the
 * card. A refusal (the card blocked, the key switched off) fails it: the cashier acts now.
 */
function retryable(code: ErrorCode): boolean {
  return (
    code === 'OFFLINE' ||
    code === 'FACTOR4_UNAVAILABLE' ||
    code === 'RATE_LIMITED' ||
    code === 'CENTEGRA_ERROR'
  );
}

function keyOf(parts: ReadonlyArray<string | number>): string {
  // One-shot (crypto.hash): the same digest as createHash's, without a stream object per call.
  return hash('sha256', parts.join('\u0000'), 'base64url');
}
