// Holds on gift cards (where Centegra Plus offers them): the amount a tender takes is held on the
// card when it is applied, so it cannot be spent elsewhere before the sale closes; the close
// captures it. Every release goes through the outbox (HOLD_RELEASE), so one that cannot be sent
// now is sent when Centegra is back. A hold's request id is on disk before Centegra hears of it.
import { randomUUID } from 'node:crypto';
import type { Capabilities } from '../capabilities';
import { maskCardNumber, type ResolvedCard } from '../cards';
import type { Centegra } from '../centegra';
import { fail, ok, type Result } from '../contract';
import { withRelaxedDurability, type Storage } from '../db';
import type { Logger } from '../logger';
import { formatMinor } from '../../common';
import {
  type DeliveryWorker,
  type HoldReleaseBody,
  type OutboxItem,
  type OutboxStore,
  type QueueService,
  type SendResult,
} from '../queue';
import { cardContext, VaultError, type Vault } from '../vault';
import { HoldRows, type HoldRecord } from './rows';

export interface HoldsDeps {
  storage: Storage;
  /** The Centegra client whose answers the link records. */
  centegra: Pick<Centegra, 'hold'>;
  vault: Vault;
  outbox: OutboxStore;
  delivery: DeliveryWorker;
  queue: QueueService;
  capabilities: Capabilities;
  config: { enabled: boolean; ttlMinutes: number };
  log: Logger;
  now(): Date;
}

/**
 * A hold Centegra placed, not yet owned by a tender (place() answers undefined to go on without
 * one); expiresAt is when Centegra lets it go, by the till's clock.
 */
export interface PlacedHold {
  requestId: string;
  holdId: string;
  expiresAt: string;
  amountMinor: number;
}

/**
 * How long Centegra is asked to keep a hold: holds.ttlMinutes is how long an *untouched* basket
 * keeps its holds (the agent lapses it then), so a basket still being worked on must not lose its
 * hold at Centegra first. Four times that, at most a day (Centegra's limit): and if the till dies,
 * the customer's money is held no longer than that.
 */
export function centegraHoldSeconds(ttlMinutes: number): number {
  return Math.min(86_400, ttlMinutes * 60 * 4);
}

/** Asked again this long after an answer that did not say whether a hold was placed. */
const RECOVER_AFTER_MS = 5_000;

export class Holds {
  private readonly rows: HoldRows;
  private recoverTimer: NodeJS.Timeout | undefined;
  private recovering: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly deps: HoldsDeps) {
    this.rows = new HoldRows(deps.storage.db);
  }

  /** Whether a tender applied now is held: configured so, and this Centegra offers holds. */
  inUse(): boolean {
    return this.deps.config.enabled && this.deps.capabilities.has('HOLDS');
  }

  /**
   * Asks Centegra to hold `amountMinor` on the card for the basket. The request is written
   * first: after a crash before the answer is recorded, it is resent with the same id.
   */
  async place(
    request: {
      basketId: string;
      card: ResolvedCard;
      fingerprint: string;
      amountMinor: number;
      currency: string;
    },
    /** Wraps the call to Centegra, for a caller that times how long it waited (the log line). */
    timed: <T>(call: Promise<T>) => Promise<T> = (call) => call,
  ): Promise<Result<PlacedHold | undefined>> {
    const { basketId, card, fingerprint, amountMinor, currency } = request;
    const requestId = randomUUID();
    const masked = maskCardNumber(card.cardNumber);
    // Committed before Centegra is asked, so a crash of the agent (SIGKILL, an exception) keeps it,
    // and fsync'd while Centegra places the hold, not before: the request goes out at once, and
    // the apply waits for the fsync only where it takes longer than Centegra's answer. A power cut
    // inside that round trip may lose the request; the hold then lapses at Centegra by itself
    // (centegraHoldSeconds). Once the fsync is done, a restart finds the request whatever
    // happens to the tender (which is not fsync'd: see Tenders.apply) and settles the hold.
    const written = withRelaxedDurability(this.deps.storage.db, () =>
      this.deps.storage.write(() => {
        this.rows.insert({
          requestId,
          basketId,
          cardFingerprint: fingerprint,
          cardMasked: masked,
          cardSealed: this.seal(card, requestId),
          amountMinor,
          currency,
          at: this.deps.now().toISOString(),
        });
        return ok(undefined);
      }),
    );
    if (!written.ok) return written;
    const durable = this.deps.storage.sync();
    const asked = this.deps.now().getTime();
    const ttlSeconds = centegraHoldSeconds(this.deps.config.ttlMinutes);
    const answer = await timed(
      this.deps.centegra.hold({
        requestId,
        basketId,
        card: {
          cardNumber: card.cardNumber,
          ...(card.pin ? { pin: card.pin } : {}),
          entryType: card.entryType,
        },
        amountMinor,
        currency,
        ttlSeconds,
      }),
    );
    const ending = masked.slice(-4);
    const synced = await durable;
    if (answer.ok && answer.value.state === 'HELD') {
      const placed: PlacedHold = {
        requestId,
        holdId: answer.value.holdId,
        // By this till's clock, counted from before it asked: Centegra's expiresAt is by its own
        // clock, which need not agree with the till's.
        expiresAt: new Date(asked + ttlSeconds * 1000).toISOString(),
        amountMinor: answer.value.amountMinor,
      };
      if (synced.ok) return ok(placed);
      // The disk failed under the request's record: no tender on a hold a restart may not know of.
      this.giveBack(placed);
      return synced;
    }
    if (!answer.ok && answer.error.outcomeUnknown) {
      // Centegra may have placed it: asked again with the same id soon, learnt, and given back.
      this.recoverSoon();
      this.deps.log.warn({ basketId, card: masked, code: answer.error.code }, 'hold outcome not known');
      return fail(
        answer.error.code,
        `It isn't known whether ${formatMinor(amountMinor, currency)} was held on the card ending ${ending}; nothing was taken from it. Try the card again.`,
      );
    }
    this.settle(requestId, 'REFUSED');
    if (answer.ok)
      return fail('CENTEGRA_ERROR', 'Centegra Plus did not hold the amount. Try the card again.');
    if (answer.error.code === 'NOT_SUPPORTED') {
      // This Centegra no longer offers holds (downgraded, or the plan changed): the sale goes on as in 1.0.
      this.deps.capabilities.lost('HOLDS');
      this.deps.log.warn(
        { basketId },
        'Centegra Plus no longer offers holds: gift cards are taken without them',
      );
      return ok(undefined);
    }
    const available = answer.error.details?.['availableMinor'];
    if (answer.error.code === 'INSUFFICIENT_FUNDS' && typeof available === 'number')
      return fail(
        'INSUFFICIENT_FUNDS',
        `The card ending ${ending} has only ${formatMinor(available, currency)} left to spend (it was used elsewhere a moment ago). Apply it again for what it holds, or take the rest another way.`,
        { availableMinor: available },
      );
    return fail(answer.error.code, answer.error.message);
  }

  /** Inside the basket's transaction: the tender now owns the hold. */
  attach(placed: PlacedHold, tenderId: string, at: string): void {
    this.rows.markHeld(placed.requestId, placed.holdId, placed.expiresAt, tenderId, at);
  }

  /** A placed hold that no tender took (the apply was refused after all): given back. */
  giveBack(placed: PlacedHold): void {
    const at = this.deps.now().toISOString();
    const written = this.deps.storage.write(() => {
      this.rows.noteHold(placed.requestId, placed.holdId, placed.expiresAt, at);
      this.queueRelease([{ ...this.rows.get(placed.requestId)!, holdId: placed.holdId }], at);
      return ok(undefined);
    });
    if (written.ok) this.releaseQueued();
  }

  ofBasket(basketId: string): HoldRecord[] {
    return this.rows.ofBasket(basketId);
  }

  ofTender(tenderId: string): HoldRecord | undefined {
    return this.rows.ofTender(tenderId);
  }

  /**
   * Inside a transaction: a HOLD_RELEASE item for each of these holds still standing. Answers how
   * many were queued; once the transaction commits, the caller calls releaseQueued().
   */
  queueRelease(holds: readonly HoldRecord[], at: string): number {
    let queued = 0;
    for (const h of holds) {
      if (!h.holdId || (h.state !== 'HELD' && h.state !== 'REQUESTED')) continue;
      const requestId = randomUUID();
      const itemId = this.deps.outbox.insert({
        kind: 'HOLD_RELEASE',
        basketId: h.basketId,
        requestId,
        body: Buffer.from(JSON.stringify({ requestId, holdId: h.holdId } satisfies HoldReleaseBody), 'utf8'),
        createdAt: at,
        giftCardTotalMinor: h.amountMinor,
        currency: h.currency,
        cardsMasked: [h.cardMasked],
        cardKeys: [],
        nextAttemptMs: this.deps.queue.firstAttemptMs(),
      });
      this.rows.markReleasing(h.requestId, itemId, at);
      queued++;
    }
    return queued;
  }

  /** After releases were queued and committed: send them now. */
  releaseQueued(): void {
    this.deps.delivery.wake();
    this.deps.queue.announce();
  }

  /**
   * What a delivery batch settled for holds: a delivered close captured its basket's holds; a
   * delivered release gave its hold back. Bookkeeping, not fsync'd: redone from the queue's record.
   * The holds are looked up first (an index probe per item; most closes have none) and a
   * transaction is opened only when one of them changes.
   */
  afterDelivery(settled: ReadonlyArray<{ item: OutboxItem; result: SendResult }>): void {
    const changes: Array<{ requestId: string; state: 'CAPTURED' | 'RELEASED' }> = [];
    let closeRefused = false;
    try {
      for (const { item } of settled) {
        if (item.kind === 'CLOSE' && item.state === 'DELIVERED') {
          for (const h of this.rows.ofBasket(item.basketId))
            if (h.state === 'HELD') changes.push({ requestId: h.requestId, state: 'CAPTURED' });
        } else if (item.kind === 'HOLD_RELEASE' && item.state === 'DELIVERED') {
          const h = this.rows.releasedBy(item.itemId);
          if (h) changes.push({ requestId: h.requestId, state: 'RELEASED' });
        } else if (item.kind === 'CLOSE' && item.state === 'FAILED') {
          closeRefused = true;
        }
      }
      if (changes.length > 0) {
        const at = this.deps.now().toISOString();
        withRelaxedDurability(this.deps.storage.db, () =>
          this.deps.storage.transaction(() => {
            for (const c of changes) this.rows.settle(c.requestId, c.state, at);
          }),
        );
      }
    } catch (e) {
      this.deps.log.warn({ err: (e as Error).message }, 'could not note what the queue did with holds');
    }
    // A refused close's holds go back to the card: after the close has reopened its basket (or not),
    // so that the tenders it keeps keep theirs.
    if (closeRefused) setTimeout(() => this.sweep(), 1000).unref();
  }

  /**
   * Holds no sale will capture, given back: their tender is gone, their basket voided while open,
   * or its close refused. Run at start-up, every minute, and after a refused close.
   */
  sweep(): void {
    if (this.closed) return;
    const at = this.deps.now().toISOString();
    try {
      const orphans = this.rows.orphans();
      if (orphans.length === 0) return;
      const written = this.deps.storage.write(() => {
        this.queueRelease(orphans, at);
        return ok(undefined);
      });
      if (written.ok) {
        this.deps.log.info({ holds: orphans.length }, 'holds no sale will capture: releasing them');
        this.releaseQueued();
      }
    } catch (e) {
      this.deps.log.warn({ err: (e as Error).message }, 'could not look for holds to release');
    }
  }

  /**
   * Holds asked for whose answer was never recorded (a crash, a lost answer): asked again with the
   * same request id, so Centegra answers the hold it placed (or places none), and given back, since
   * no tender took them. An answer still unclear is asked again later.
   */
  recover(): Promise<void> {
    this.recovering ??= this.recoverNow().finally(() => {
      this.recovering = undefined;
    });
    return this.recovering;
  }

  private async recoverNow(): Promise<void> {
    let unclear = false;
    for (const h of this.rows.inState('REQUESTED')) {
      if (this.closed) return;
      if (!h.cardSealed) continue;
      let card: ResolvedCard;
      try {
        card = this.deps.vault.openJson<ResolvedCard>(h.cardSealed, cardContext.hold(h.requestId));
      } catch (e) {
        if (!(e instanceof VaultError)) throw e;
        // Sealed for another row or under another key: never asked with a card that is not its
        // own. A hold it may have placed lapses at Centegra by itself.
        this.deps.log.error(
          { basketId: h.basketId, card: h.cardMasked, err: e.message },
          "a hold's card cannot be opened; not asked again",
        );
        this.settle(h.requestId, 'REFUSED');
        continue;
      }
      const answer = await this.deps.centegra.hold({
        requestId: h.requestId,
        basketId: h.basketId,
        card: {
          cardNumber: card.cardNumber,
          ...(card.pin ? { pin: card.pin } : {}),
          entryType: card.entryType,
        },
        amountMinor: h.amountMinor,
        currency: h.currency,
        ttlSeconds: centegraHoldSeconds(this.deps.config.ttlMinutes),
      });
      if (this.closed) return;
      if (!answer.ok && answer.error.outcomeUnknown) {
        unclear = true;
        continue;
      }
      if (!answer.ok || answer.value.state !== 'HELD') {
        this.settle(h.requestId, answer.ok && answer.value.state === 'CAPTURED' ? 'CAPTURED' : 'REFUSED');
        continue;
      }
      this.giveBack({
        requestId: h.requestId,
        holdId: answer.value.holdId,
        expiresAt: answer.value.expiresAt,
        amountMinor: answer.value.amountMinor,
      });
      this.deps.log.info({ basketId: h.basketId, card: h.cardMasked }, 'a hold left by a crash: released');
    }
    if (unclear) this.recoverSoon();
  }

  private recoverSoon(): void {
    if (this.recoverTimer || this.closed) return;
    this.recoverTimer = setTimeout(() => {
      this.recoverTimer = undefined;
      void this.recover();
    }, RECOVER_AFTER_MS);
    this.recoverTimer.unref();
  }

  private settle(requestId: string, state: 'RELEASED' | 'CAPTURED' | 'REFUSED'): void {
    this.deps.storage.write(() => {
      this.rows.settle(requestId, state, this.deps.now().toISOString());
      return ok(undefined);
    });
  }

  private seal(card: ResolvedCard, requestId: string): Buffer {
    return this.deps.vault.sealJson(
      { cardNumber: card.cardNumber, pin: card.pin, entryType: card.entryType },
      cardContext.hold(requestId),
    );
  }

  close(): void {
    this.closed = true;
    if (this.recoverTimer) clearTimeout(this.recoverTimer);
    this.recoverTimer = undefined;
  }
}
