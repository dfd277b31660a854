// A basket as the POS builds it: opened and changed (a lower total gives back from the cards
// applied last), gift cards applied as tenders (each takes min(balance, due, limit); offline, what
// the offline policy allows) and taken off again.
import { randomBytes } from 'node:crypto';
import { logAfterAnswer } from '../after-answer';
import { cardStatusWords, maskCardNumber, type BalanceBook, type CardInquiry } from '../cards';
import type { Config } from '../config';
import { withRelaxedDurability } from '../db';
import { fail, ok, type Basket, type Line, type Result } from '../contract';
import type { Logger } from '../logger';
import { formatMinor } from '../../common';
import { amountToTake, dueMinor, linesProblem, trimToTotal } from '../tender';
import { cardContext, type Vault } from '../vault';
import type { Holds, PlacedHold } from '../holds';
import { notOpen, type Baskets } from './baskets';
import { offlineAllowance, type OfflineCause } from './offline-policy';

export interface TenderDeps {
  baskets: Baskets;
  holds: Holds;
  cards: CardInquiry;
  balances: BalanceBook;
  vault: Vault;
  config: Pick<Config, 'currency' | 'offline'>;
  /** Whether Centegra Plus answered lately (the link's state). */
  online(): boolean;
  /** Ask the link to look again now (a tender refused while offline). */
  probe(): void;
  /** Why Centegra can't be asked while the link is not ONLINE (key switched off, Factor4 down…). */
  linkRefusal?(): OfflineCause;
  log: Logger;
  now(): Date;
}

/** Failures that mean "Centegra could not be asked", as opposed to an answer. */
const isUnreachable = (code: string) =>
  code === 'OFFLINE' ||
  code === 'FACTOR4_UNAVAILABLE' ||
  code === 'RATE_LIMITED' ||
  code === 'CENTEGRA_ERROR';

const newTenderId = () => `tnd_${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;

const NOTHING_DUE = 'Nothing is left to pay on this sale, so no gift card is needed.';

export class Tenders {
  constructor(private readonly deps: TenderDeps) {}

  /** Opens the basket, or replaces its lines and total while it is OPEN. */
  put(input: { basketId: string; currency: string; totalMinor: number; lines: Line[] }): Result<Basket> {
    const { currency, totalMinor, lines, basketId } = input;
    const tillCurrency = this.deps.config.currency;
    if (currency !== tillCurrency) {
      return fail(
        'BAD_REQUEST',
        `This till takes ${tillCurrency}; the basket is in ${currency}. Send the basket in ${tillCurrency}.`,
      );
    }
    const lineProblem = linesProblem(lines, totalMinor);
    if (lineProblem) return fail('BAD_REQUEST', lineProblem);
    const at = this.deps.now().toISOString();
    const { baskets, holds } = this.deps;
    let released = 0;
    const changed = baskets.change(basketId, (rows) => {
      const found = baskets.find(basketId);
      if (!found) {
        rows.create({ basketId, currency, totalMinor, lines, at });
        return ok(undefined);
      }
      if (found.basket.state !== 'OPEN') return notOpen(found.basket);
      rows.replaceLines({ basketId, currency, totalMinor, lines, at });
      // A lower total gives back from the most recently applied cards; nothing was redeemed yet.
      // A card taken off gets its hold back now; one kept for less keeps it (the close takes its part).
      const trimmed = trimToTotal(totalMinor, found.tenders);
      for (const t of found.tenders) {
        const kept = trimmed.find((k) => k.tenderId === t.tenderId);
        if (!kept) {
          rows.removeTender(basketId, t.tenderId, at);
          const hold = holds.ofTender(t.tenderId);
          if (hold) released += holds.queueRelease([hold], at);
        } else if (kept.amountMinor !== t.amountMinor)
          rows.setTenderAmount(basketId, t.tenderId, kept.amountMinor);
      }
      return ok(undefined);
    });
    if (released) holds.releaseQueued();
    return changed.ok ? ok(baskets.announce(changed.value)) : changed;
  }

  async apply(input: {
    basketId: string;
    scanId?: string;
    cardNumber?: string;
    pin?: string;
    maxAmountMinor?: number;
  }): Promise<Result<Basket>> {
    const { baskets, vault } = this.deps;
    const open = baskets.open(input.basketId);
    if (!open.ok) return open;
    if (dueMinor(open.value.basket.totalMinor, open.value.tenders) <= 0)
      return fail('NOTHING_DUE', NOTHING_DUE);
    const card = this.deps.cards.resolve(input);
    if (!card.ok) return card;
    const fingerprint = vault.fingerprint(card.value.cardNumber);
    const masked = maskCardNumber(card.value.cardNumber);
    const ending = masked.slice(-4);
    if (open.value.tenders.some((t) => t.cardFingerprint === fingerprint)) {
      return fail(
        'CARD_ALREADY_APPLIED',
        `The card ending ${ending} is already on this sale. Remove it first to change what it pays.`,
      );
    }
    // How long this apply waited for Centegra Plus (the inquiry, the hold), for the log line: IT
    // reads it when cashiers say cards are slow, and the apply benchmark subtracts it.
    let centegraMs = 0;
    const timed = async <T>(call: Promise<T>): Promise<T> => {
      const sent = performance.now();
      try {
        return await call;
      } finally {
        centegraMs += performance.now() - sent;
      }
    };
    const balance = await this.whatTheCardGives(
      card.value,
      fingerprint,
      ending,
      open.value.basket.currency,
      timed,
    );
    if (!balance.ok) return balance;
    const limit = Math.min(
      input.maxAmountMinor ?? Number.MAX_SAFE_INTEGER,
      balance.value.capMinor ?? Number.MAX_SAFE_INTEGER,
    );

    // Where Centegra offers holds, what the tender takes is held on the card first (never offline).
    let placed: PlacedHold | undefined;
    const { holds } = this.deps;
    if (!balance.value.offline && holds.inUse()) {
      const due = dueMinor(open.value.basket.totalMinor, open.value.tenders);
      // Only the call to Centegra is timed: writing the hold's request first is the agent's work.
      const hold = await holds.place(
        {
          basketId: input.basketId,
          card: card.value,
          fingerprint,
          amountMinor: amountToTake(balance.value.minor, due, limit),
          currency: open.value.basket.currency,
        },
        timed,
      );
      if (!hold.ok) return hold;
      placed = hold.value;
    }

    const at = this.deps.now().toISOString();
    const tenderId = newTenderId();
    // Not fsync'd: a tender on an open basket moves no money (the close does, fsync'd, and makes
    // this durable too), and a crash of the agent keeps it. A power cut before the close may lose
    // it: the close is then refused as short (its tenders no longer add up), and a hold it had is
    // given back, at start-up from its fsync'd request (Holds.place) or at Centegra when it lapses.
    const changed = withRelaxedDurability(baskets.db, () =>
      baskets.change(input.basketId, (rows) => {
        // Read again inside the transaction: another apply may have landed while we asked Centegra.
        const now = baskets.open(input.basketId);
        if (!now.ok) return now;
        if (now.value.tenders.some((t) => t.cardFingerprint === fingerprint))
          return fail('CARD_ALREADY_APPLIED', `The card ending ${ending} is already on this sale.`);
        const take = amountToTake(
          balance.value.minor,
          dueMinor(now.value.basket.totalMinor, now.value.tenders),
          Math.min(limit, placed?.amountMinor ?? Number.MAX_SAFE_INTEGER),
        );
        if (take <= 0) return fail('NOTHING_DUE', NOTHING_DUE);
        rows.addTender(
          {
            tenderId,
            basketId: input.basketId,
            cardSealed: vault.sealJson(
              { cardNumber: card.value.cardNumber, pin: card.value.pin, entryType: card.value.entryType },
              cardContext.tender(input.basketId, tenderId),
            ),
            cardFingerprint: fingerprint,
            cardMasked: masked,
            amountMinor: take,
            balanceBeforeMinor: balance.value.minor,
            balanceCheckedAt: balance.value.offline ? balance.value.checkedAt : at,
            offline: balance.value.offline,
            ...(placed ? { holdId: placed.holdId, holdExpiresAt: placed.expiresAt } : {}),
          },
          at,
        );
        if (placed) holds.attach(placed, tenderId, at);
        return ok(undefined);
      }),
    );
    if (!changed.ok) {
      // The sale changed while the hold was placed: the card gets it back.
      if (placed) holds.giveBack(placed);
      return changed;
    }
    // The log line and the basket event go once the answer is out (after-answer.ts), in that order.
    logAfterAnswer(
      this.deps.log,
      {
        basketId: input.basketId,
        card: masked,
        offline: balance.value.offline,
        held: placed !== undefined,
        centegraMs: Math.round(centegraMs * 1000) / 1000,
      },
      'gift card applied',
    );
    return ok(baskets.answer(changed.value));
  }

  remove(input: { basketId: string; tenderId: string }): Result<Basket> {
    const { baskets, holds } = this.deps;
    const at = this.deps.now().toISOString();
    let released = 0;
    const changed = baskets.change(input.basketId, (rows) => {
      const open = baskets.open(input.basketId);
      if (!open.ok) return open;
      if (!rows.removeTender(input.basketId, input.tenderId, at))
        return fail('NOT_FOUND', `There is no gift card ${input.tenderId} on basket ${input.basketId}.`);
      const hold = holds.ofTender(input.tenderId);
      if (hold) released = holds.queueRelease([hold], at);
      return ok(undefined);
    });
    if (released) holds.releaseQueued();
    return changed.ok ? ok(baskets.announce(changed.value)) : changed;
  }

  /**
   * Open baskets nobody has touched for holds.ttlMinutes are abandoned: their gift card tenders come
   * off (with their sealed cards and PINs), and their holds go back to the cards. A basket whose
   * holds Centegra is about to let go loses those tenders. The screen and the POS hear of it.
   * Run every minute and at start-up, so baskets that lapsed while the agent was down are caught too.
   */
  lapse(): void {
    const now = this.deps.now().getTime();
    for (const basketId of this.deps.baskets.lapsing(now)) this.lapseOne(basketId, now);
  }

  /**
   * Before any POS call on a basket: if it is due to lapse, it lapses now, so the POS never sees a
   * tender past its holdExpiresAt still on the sale (the keeper may be most of a minute away), and
   * a close, a change or a void acts on the basket as the rule says it is. Answers whether it lapsed.
   */
  lapseIfDue(basketId: string): boolean {
    const now = this.deps.now().getTime();
    const found = this.deps.baskets.find(basketId);
    return found !== undefined && this.deps.baskets.dueToLapse(found, now) && this.lapseOne(basketId, now);
  }

  private lapseOne(basketId: string, now: number): boolean {
    const { baskets, holds } = this.deps;
    const at = new Date(now).toISOString();
    let released = 0;
    const changed = baskets.change(basketId, (rows) => {
      const open = baskets.open(basketId);
      if (!open.ok) return open;
      const abandoned = now >= baskets.untouchedUntil(open.value.basket);
      for (const t of open.value.tenders) {
        if (!abandoned && (baskets.tenderLapsesAt(open.value.basket, t) ?? Infinity) > now) continue;
        rows.removeTender(basketId, t.tenderId, at);
        const hold = holds.ofTender(t.tenderId);
        if (hold) released += holds.queueRelease([hold], at);
      }
      return ok(undefined);
    });
    if (!changed.ok) return false;
    if (released) holds.releaseQueued();
    this.deps.log.info(
      { basketId, released },
      'basket untouched too long (or its holds ran out): its gift cards taken off',
    );
    baskets.announceLater(basketId);
    return true;
  }

  /**
   * What the card can give: Factor4's word when Centegra answers; else, under "allow", the last
   * balance this till heard minus what it has queued on the card, within the limits.
   */
  private async whatTheCardGives(
    card: Parameters<CardInquiry['ask']>[0],
    fingerprint: string,
    ending: string,
    currency: string,
    timed: <T>(call: Promise<T>) => Promise<T>,
  ): Promise<Result<{ minor: number; checkedAt: string; offline: boolean; capMinor?: number }>> {
    const info = this.deps.online() ? await timed(this.deps.cards.ask(card)) : undefined;
    if (info?.ok) {
      const { status, balanceMinor, currency: cardCurrency } = info.value;
      if (status !== 'ACTIVE')
        return fail(
          'CARD_NOT_ACTIVE',
          `The card ending ${ending} ${cardStatusWords(status)}. Take another way to pay.`,
        );
      if (cardCurrency !== currency) {
        return fail(
          'BAD_REQUEST',
          `The card ending ${ending} holds ${cardCurrency}, but this sale is in ${currency}. It can't pay for it.`,
        );
      }
      if (balanceMinor <= 0)
        return fail(
          'ZERO_BALANCE',
          `There is nothing left on the card ending ${ending} (${formatMinor(0, cardCurrency)}). Take another way to pay.`,
        );
      return ok({ minor: balanceMinor, checkedAt: this.deps.now().toISOString(), offline: false });
    }
    if (info && !isUnreachable(info.error.code)) return fail(info.error.code, info.error.message);
    this.deps.probe();
    const { balances } = this.deps;
    const known = balances.lastKnown(fingerprint);
    return offlineAllowance(
      this.deps.config.offline,
      {
        ...(known ? { known } : {}),
        queuedAgainstMinor: known ? balances.queuedAgainst(fingerprint) : 0,
        offlineExposureMinor: known ? balances.offlineExposure() : 0,
      },
      { currency, cardEnding: ending },
      // The failure this apply met, else the link's last one: apply says what balance would say.
      info ? { code: info.error.code, message: info.error.message } : this.deps.linkRefusal?.(),
    );
  }
}
