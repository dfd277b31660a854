// The sale the POS has open: what is still to pay in the largest type on the screen, each gift
// card on it (with Remove), and once closed, where its gift cards are. In demo mode only, a
// practice sale can be started, closed or cancelled here; otherwise the POS alone opens and closes sales.
// While Centegra Plus is unreachable it says cards go on their last known balance, and how old each is.
// A card whose amount Centegra holds for the sale says so and until when; a held card that left the
// open sale (its hold lapsed, or the POS took it off) is named until the cashier moves on.
import type { CSSProperties } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Basket } from '../../../main/agent/contract';
import { balanceAge, balanceWidthEm, formatMoney, formatTime, lastFour } from '../format';
import { isPractice, type GiftCardTender, type SaleBusy, type Transaction } from '../sale-state';
import { describeClose, goneTenderNote, heldNote, offlineSaleNote } from '../sale-words';
import { Shape } from './Shape';

interface SalePanelProps {
  basket?: Basket;
  /** What Factor4 did with each card, when this screen closed the sale and it was delivered at once. */
  transactions?: readonly Transaction[];
  busy?: SaleBusy;
  /** Demo mode: offer a practice sale (and closing it). */
  practice: boolean;
  /** Whether the basket shown is a practice sale this screen may close or cancel. */
  closable: boolean;
  /** Centegra Plus is unreachable and the offline policy takes cards on their last known balance. */
  offline: boolean;
  /** The time now (ms), for how old an offline balance is. */
  now: number;
  /** Held cards that left this open sale without the cashier removing them. */
  gone?: readonly GiftCardTender[];
  onRemove(tenderId: string): void;
  onStartPractice(): void;
  onClosePractice(): void;
  /** Void the practice sale: nothing is taken from its cards. */
  onCancelPractice(): void;
}

export function SalePanel(props: SalePanelProps) {
  const { basket } = props;
  const intl = useIntl();
  const startButton = props.practice && (
    <button
      type="button"
      className="secondary sale-action"
      disabled={props.busy !== undefined}
      onClick={props.onStartPractice}
    >
      <FormattedMessage id={props.busy?.kind === 'start' ? 'sale.starting' : 'sale.startPractice'} />
    </button>
  );
  if (!basket) {
    return (
      <section
        className="sale sale--empty"
        aria-label={intl.formatMessage({ id: 'sale.label' })}
        data-testid="sale"
      >
        <p data-testid="no-sale">
          <FormattedMessage id="sale.none" />
        </p>
        {startButton}
      </section>
    );
  }
  const money = (minor: number) => formatMoney(minor, basket.currency, intl.locale);
  if (basket.state !== 'OPEN') {
    const close = describeClose(intl, basket);
    // A practice sale is cancelled here, by the cashier, never by the POS.
    const closeText =
      basket.state === 'VOIDED' && isPractice(basket)
        ? intl.formatMessage({ id: 'saleClosed.practiceCancelled' })
        : close.text;
    const delivered = basket.state === 'CLOSED' && basket.closeState === 'DELIVERED';
    const rows =
      delivered && props.transactions && props.transactions.length > 0 ? props.transactions : undefined;
    return (
      <section className="sale" aria-labelledby="sale-heading" data-testid="sale">
        <div className="sale-top">
          <h2 id="sale-heading">
            <FormattedMessage
              id={basket.state === 'VOIDED' ? 'saleClosed.headingCancelled' : 'saleClosed.heading'}
            />
          </h2>
          <p className="sale-total">
            <FormattedMessage id="sale.total" values={{ total: money(basket.totalMinor) }} />
          </p>
        </div>
        <p
          className={`status close-state tone-${close.tone}`}
          role="status"
          data-testid="close-state"
          data-close-state={basket.closeState}
        >
          <Shape shape={close.shape} />
          {closeText}
        </p>
        {rows ? (
          <ul
            className="sent"
            aria-label={intl.formatMessage({ id: 'saleClosed.taken' })}
            data-testid="transactions"
          >
            {rows.map((t) => (
              <li key={t.transactionId}>
                <CardEnding masked={t.cardNumberMasked} className="sent-card" />
                <span className="money">{formatMoney(t.amountMinor, t.currency, intl.locale)}</span>
              </li>
            ))}
          </ul>
        ) : (
          basket.giftCardTenders.length > 0 && (
            <ul
              className="sent"
              aria-label={intl.formatMessage({ id: 'sale.tenders' })}
              data-testid="closed-tenders"
            >
              {basket.giftCardTenders.map((t) => (
                <li key={t.tenderId}>
                  <CardEnding masked={t.cardNumberMasked} className="sent-card" />
                  <span className="money">{money(t.amountMinor)}</span>
                </li>
              ))}
            </ul>
          )
        )}
        {startButton}
      </section>
    );
  }

  const due = money(basket.dueMinor);
  // Set through the CSSOM, which the page's CSP allows (it refuses only style attributes in HTML).
  const fit = { '--balance-em': balanceWidthEm(due) } as CSSProperties;
  return (
    <section className="sale" aria-labelledby="sale-heading" data-testid="sale">
      <h2 id="sale-heading" className="visually-hidden">
        <FormattedMessage id="sale.inProgress" />
      </h2>
      <div className="sale-top">
        <p className="due-label">
          <FormattedMessage id="sale.due" />
        </p>
        <p className="sale-total" data-testid="sale-total">
          <FormattedMessage id="sale.total" values={{ total: money(basket.totalMinor) }} />
        </p>
      </div>
      <p className="due" style={fit} data-testid="due">
        {due}
      </p>
      {props.offline && (
        <p className="status tone-warning offline-note" role="status" data-testid="offline-note">
          <Shape shape="triangle" />
          {offlineSaleNote(intl)}
        </p>
      )}
      {props.gone && props.gone.length > 0 && (
        <GoneTenders tenders={props.gone} currency={basket.currency} now={props.now} />
      )}
      {basket.giftCardTenders.length > 0 && (
        <>
          <ul className="tenders" aria-label={intl.formatMessage({ id: 'sale.tenders' })}>
            {basket.giftCardTenders.map((t) => {
              const last4 = lastFour(t.cardNumberMasked);
              const removing = props.busy?.kind === 'remove' && props.busy.tenderId === t.tenderId;
              const age = t.offline ? balanceAge(intl, t.balanceCheckedAt, props.now) : undefined;
              return (
                <li className="tender" key={t.tenderId} data-testid="tender">
                  <div className="tender-card">
                    <p className="tender-number">
                      <CardEnding masked={t.cardNumberMasked} />
                    </p>
                    {t.held && (
                      <p className="tender-held" data-testid="tender-held">
                        <Shape shape="circle" />
                        {heldNote(
                          intl,
                          t.holdExpiresAt
                            ? formatTime(t.holdExpiresAt, new Date(props.now), undefined, intl.locale)
                            : undefined,
                        )}
                      </p>
                    )}
                    {t.offline && (
                      <p className="tender-offline" data-testid="tender-offline">
                        <FormattedMessage id="sale.takenOffline" />
                        {age && <span data-testid="tender-age">, {age}</span>}
                      </p>
                    )}
                    <p className="tender-balance" data-testid="tender-balance">
                      <span aria-hidden="true">
                        {money(t.balanceBeforeMinor)} → {money(t.balanceAfterMinor)}
                      </span>
                      <span className="visually-hidden">
                        <FormattedMessage
                          id="sale.tenderBalance"
                          values={{ before: money(t.balanceBeforeMinor), after: money(t.balanceAfterMinor) }}
                        />
                      </span>
                    </p>
                  </div>
                  <p className="tender-amount money" data-testid="tender-amount">
                    <span className="visually-hidden">
                      <FormattedMessage id="sale.takes" />
                    </span>
                    {money(t.amountMinor)}
                  </p>
                  <button
                    type="button"
                    className="secondary remove"
                    aria-label={intl.formatMessage({ id: 'sale.removeCard' }, { last4 })}
                    disabled={props.busy !== undefined}
                    onClick={() => props.onRemove(t.tenderId)}
                  >
                    <FormattedMessage id={removing ? 'sale.removing' : 'sale.remove'} />
                  </button>
                </li>
              );
            })}
          </ul>
          <p className="sale-gift-total" data-testid="gift-card-total">
            <span>
              <FormattedMessage id="sale.giftCards" />
            </span>
            <span className="money">{money(basket.giftCardTotalMinor)}</span>
          </p>
        </>
      )}
      {props.closable && (
        <div className="sale-close-buttons">
          <button
            type="button"
            className="check sale-close"
            disabled={props.busy !== undefined}
            onClick={props.onClosePractice}
          >
            <FormattedMessage
              id={
                props.busy?.kind === 'close'
                  ? 'sale.closing'
                  : basket.dueMinor > 0
                    ? 'sale.closeRestInCash'
                    : 'sale.close'
              }
            />
          </button>
          <button
            type="button"
            className="secondary sale-cancel"
            disabled={props.busy !== undefined}
            onClick={props.onCancelPractice}
          >
            <FormattedMessage id={props.busy?.kind === 'void' ? 'sale.cancelling' : 'sale.cancelPractice'} />
          </button>
        </div>
      )}
    </section>
  );
}

/** A card as the cashier names it: by its last four digits, the rest shown as dots. */
function CardEnding({ masked, className }: { masked: string; className?: string }) {
  return (
    <span className={className} title={masked}>
      <span className="visually-hidden">
        <FormattedMessage id="sale.cardEnding" />
      </span>
      <span aria-hidden="true">•••• </span>
      {lastFour(masked)}
    </span>
  );
}

/** Held cards gone from the open sale: each named, and why when its hold time had come. */
function GoneTenders({
  tenders,
  currency,
  now,
}: {
  tenders: readonly GiftCardTender[];
  currency: string;
  now: number;
}) {
  const intl = useIntl();
  return (
    <div className="status tone-warning gone-tenders" role="alert" data-testid="gone-tenders">
      <Shape shape="triangle" />
      <div>
        {tenders.map((t) => (
          <p key={t.tenderId}>
            {goneTenderNote(
              intl,
              t,
              formatMoney(t.amountMinor, currency, intl.locale),
              lastFour(t.cardNumberMasked),
              now,
            )}
          </p>
        ))}
      </div>
    </div>
  );
}
