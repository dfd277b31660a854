// The one card-inquiry path. A scanned card (by its stored scan, or its scanId from the POS) and
// a keyed card (checked against the till's card scheme) become the same ResolvedCard; asking
// Factor4 about it notes the balance for the offline policy; the answer leaves the core masked.
import type { CardInfo, Centegra, CentegraResult, EntryType } from '../centegra';
import { fail, ok, type Card, type Result } from '../contract';
import { afterAnswer, logAfterAnswer } from '../after-answer';
import type { Logger } from '../logger';
import type { BalanceBook } from './balances';
import { checkCardNumber, maskCardNumber, normaliseKeyedCardNumber, type CardScheme } from './card-number';
import { keyedCardProblem } from './wording';

/** A card as the core holds it (full number: never outside the core). */
export interface ResolvedCard {
  cardNumber: string;
  pin?: string;
  entryType: EntryType;
  scanId?: string;
}

/** A scan as the inquiry needs it (the scan store's StoredScan is one). */
export interface ScannedCard {
  scan: { scanId: string; symbology?: string; reason?: string };
  cardNumber?: string;
  pin?: string;
}

export interface CardChoice {
  scanId?: string;
  cardNumber?: string;
  pin?: string;
}

export interface CardInquiryDeps {
  /** The Centegra client whose answers the link records. */
  centegra: Pick<Centegra, 'inquire'>;
  /** Keyed, one-way: how the till recognises a card without keeping its number. */
  fingerprint(cardNumber: string): string;
  balances: BalanceBook;
  scheme: CardScheme;
  findScan(scanId: string): ScannedCard | undefined;
  log: Logger;
  now(): Date;
}

export class CardInquiry {
  constructor(private readonly deps: CardInquiryDeps) {}

  /** A scanned (scanId) or keyed (cardNumber) card, checked against the till's card scheme. */
  resolve(input: CardChoice): Result<ResolvedCard> {
    if (input.scanId === undefined) return this.resolveKeyed(input.cardNumber ?? '', input.pin);
    const stored = this.deps.findScan(input.scanId);
    if (!stored) return fail('NOT_FOUND', 'That scan is no longer available. Scan the card again.');
    return this.resolveScanned(stored, input.pin);
  }

  resolveScanned(stored: ScannedCard, pin?: string): Result<ResolvedCard> {
    if (!stored.cardNumber)
      return fail('NOT_A_GIFT_CARD', stored.scan.reason ?? "That barcode isn't a gift card.");
    const entryType: EntryType = stored.scan.symbology?.includes('QR') ? 'QR' : 'BARCODE';
    const cardPin = stored.pin ?? pin;
    return ok({
      cardNumber: stored.cardNumber,
      ...(cardPin ? { pin: cardPin } : {}),
      entryType,
      scanId: stored.scan.scanId,
    });
  }

  private resolveKeyed(keyed: string, pin: string | undefined): Result<ResolvedCard> {
    const cardNumber = normaliseKeyedCardNumber(keyed);
    const problem = checkCardNumber(cardNumber, this.deps.scheme);
    if (problem) return fail('NOT_A_GIFT_CARD', keyedCardProblem(problem, this.deps.scheme.pattern));
    return ok({ cardNumber, ...(pin ? { pin } : {}), entryType: 'KEYED' });
  }

  /** The inquiry the POS and the screen ask for (a scan's follows on its own): status and balance, masked. */
  async inquire(input: CardChoice): Promise<Result<Card>> {
    const card = this.resolve(input);
    return card.ok ? this.inquireResolved(card.value) : card;
  }

  /** The inquiry that follows a scan, refused with the scan's own reason when it is not a gift card. */
  inquireScanned(stored: ScannedCard): Promise<Result<Card>> {
    const card = this.resolveScanned(stored);
    return card.ok ? this.inquireResolved(card.value) : Promise.resolve(card);
  }

  private async inquireResolved(card: ResolvedCard): Promise<Result<Card>> {
    const sent = performance.now();
    // Its balance is noted once the answer is out, as its log line is (the note keeps the newest).
    const { result, at } = await this.askAt(card, afterAnswer);
    // How long Centegra Plus took to answer, as this till saw it: IT reads it in the log when
    // cashiers say lookups are slow (and the inquiry benchmark subtracts it).
    const centegraMs = Math.round((performance.now() - sent) * 1000) / 1000;
    const masked = maskCardNumber(card.cardNumber);
    // Its log line is written once the answer is out (the POS's reply, the screen's card event).
    if (!result.ok) {
      logAfterAnswer(
        this.deps.log,
        { card: masked, code: result.error.code, cause: result.error.cause, centegraMs },
        'card inquiry refused',
      );
      return fail(result.error.code, result.error.message);
    }
    logAfterAnswer(
      this.deps.log,
      { card: masked, status: result.value.status, entryType: card.entryType, centegraMs },
      'card inquiry',
    );
    return ok({
      ...(card.scanId ? { scanId: card.scanId } : {}),
      cardNumberMasked: masked,
      status: result.value.status,
      balanceMinor: result.value.balanceMinor,
      currency: result.value.currency,
      ...(result.value.expiresOn ? { expiresOn: result.value.expiresOn } : {}),
      checkedAt: at.toISOString(),
    });
  }

  /** Factor4's word on a card, its balance noted for the offline policy. */
  async ask(card: ResolvedCard): Promise<CentegraResult<CardInfo>> {
    return (await this.askAt(card)).result;
  }

  /**
   * The answer and when it came: the time noted with the balance is the time the POS is told.
   * `when` runs the note: at once, or (an inquiry's) once the answer is out.
   */
  private async askAt(
    card: ResolvedCard,
    when: (note: () => void) => void = (note) => note(),
  ): Promise<{ result: CentegraResult<CardInfo>; at: Date }> {
    const result = await this.deps.centegra.inquire(card);
    const at = this.deps.now();
    if (result.ok) {
      const info = result.value;
      when(() => this.note(card.cardNumber, info, at));
    }
    return { result, at };
  }

  /** The one place a card's balance is noted: after an inquiry, and after Factor4 redeemed it. */
  note(
    cardNumber: string,
    info: { status: string; balanceMinor: number; currency: string },
    at: Date = this.deps.now(),
  ): void {
    try {
      this.deps.balances.record(this.deps.fingerprint(cardNumber), {
        cardMasked: maskCardNumber(cardNumber),
        status: info.status,
        balanceMinor: info.balanceMinor,
        currency: info.currency,
        checkedAt: at.toISOString(),
      });
    } catch (e) {
      // A balance note is a convenience for later; failing to write it must not fail the sale.
      this.deps.log.warn({ err: (e as Error).message }, 'could not note a card balance');
    }
  }
}
