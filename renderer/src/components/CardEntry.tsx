// Where the cashier keys a card: number, optional PIN, and the big button. With a sale open and
// something to pay, the big button is "Apply to sale" (with an optional "Take at most" amount) and
// Check balance sits beside it. Enter in any field presses the big button; while an answer is
// awaited the buttons say so and refuse a second press. Top up / activate opens its own steps.
// The PIN is the customer's secret: masked, never offered to autofill, cleared with its card.
import { useRef, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { EntryField } from '../state';

interface CardEntryProps {
  cardNumber: string;
  pin: string;
  maxAmount: string;
  /** Offer Apply to sale (a basket is open and something is still to pay). */
  applyOffered: boolean;
  /**
   * Show this form's Apply to sale button: not while a scanned card's own Apply is the one on
   * offer (the field empty), so one button applies the card in view. Enter still applies.
   */
  applyButton: boolean;
  /** The currency's sign, for the Take at most field. */
  currencySign: string;
  checking: boolean;
  applying: boolean;
  /** Another sale action or a top-up is in flight: nothing new may start. */
  busy: boolean;
  invalidField?: EntryField;
  numberRef: RefObject<HTMLInputElement | null>;
  pinRef: RefObject<HTMLInputElement | null>;
  maxRef: RefObject<HTMLInputElement | null>;
  onCardNumberChange(value: string): void;
  onPinChange(value: string): void;
  onMaxAmountChange(value: string): void;
  onCheck(): void;
  onApply(): void;
  onTopUp(): void;
}

export function CardEntry(props: CardEntryProps) {
  const { cardNumber, pin, maxAmount, applyOffered, checking, applying, busy, invalidField } = props;
  const { numberRef, pinRef, maxRef, currencySign, applyButton } = props;
  const { onCardNumberChange, onPinChange, onMaxAmountChange, onCheck, onApply, onTopUp } = props;
  const intl = useIntl();
  const waiting = checking || applying || busy;
  /** Enter pressed in a field: the browser names the first button shown as the submitter, whichever it is. */
  const enterInField = useRef(false);
  const noteEnter = (event: KeyboardEvent<HTMLFormElement>): void => {
    enterInField.current = event.key === 'Enter' && event.target instanceof HTMLInputElement;
  };
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const implicit = enterInField.current;
    enterInField.current = false;
    if (waiting) return;
    // Enter in a field is the big button: Apply when offered (even with its button hidden for a
    // scanned card's own), else Check balance.
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const action =
      !implicit && submitter instanceof HTMLButtonElement
        ? submitter.value
        : applyOffered
          ? 'apply'
          : 'check';
    if (action === 'apply' && applyOffered) onApply();
    else onCheck();
  };
  const describedBy = (field: EntryField) => (invalidField === field ? 'result-problem' : undefined);
  return (
    <form
      className="entry"
      onSubmit={submit}
      onKeyDown={noteEnter}
      noValidate
      aria-label={intl.formatMessage({ id: applyOffered ? 'entry.formApply' : 'entry.formCheck' })}
    >
      <div className="field">
        <label htmlFor="card-number">
          <FormattedMessage id="entry.cardNumber" />
        </label>
        <input
          id="card-number"
          ref={numberRef}
          className="input input--number"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          enterKeyHint={applyOffered ? 'go' : 'search'}
          spellCheck={false}
          maxLength={80}
          autoFocus
          value={cardNumber}
          aria-invalid={invalidField === 'cardNumber' || undefined}
          aria-describedby={describedBy('cardNumber')}
          onChange={(event) => onCardNumberChange(event.target.value)}
        />
      </div>
      <div className={applyOffered ? 'field-row field-row--two' : 'field-row'}>
        <div className="field">
          <label htmlFor="card-pin">
            <FormattedMessage id="entry.pin" />
          </label>
          <input
            id="card-pin"
            ref={pinRef}
            className="input input--pin"
            type="password"
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="off"
            enterKeyHint={applyOffered ? 'go' : 'search'}
            spellCheck={false}
            maxLength={8}
            size={8}
            value={pin}
            aria-invalid={invalidField === 'pin' || undefined}
            aria-describedby={describedBy('pin')}
            onChange={(event) => onPinChange(event.target.value)}
          />
        </div>
        {applyOffered && (
          <div className="field">
            <label htmlFor="max-amount">
              <FormattedMessage id="entry.maxAmount" />
              <span className="visually-hidden">
                <FormattedMessage id="entry.optionalHidden" />
              </span>
            </label>
            <div className="money-input">
              <span className="money-sign" aria-hidden="true">
                {currencySign}
              </span>
              <input
                id="max-amount"
                ref={maxRef}
                className="input input--money"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                autoCorrect="off"
                enterKeyHint="go"
                spellCheck={false}
                maxLength={16}
                size={8}
                placeholder={intl.formatMessage({ id: 'entry.optional' })}
                value={maxAmount}
                aria-invalid={invalidField === 'maxAmount' || undefined}
                aria-describedby={describedBy('maxAmount')}
                onChange={(event) => onMaxAmountChange(event.target.value)}
              />
            </div>
          </div>
        )}
      </div>
      <div className="entry-buttons">
        {applyOffered && applyButton && (
          <button className="check" type="submit" value="apply" disabled={waiting}>
            <FormattedMessage id={applying ? 'entry.applying' : 'entry.apply'} />
          </button>
        )}
        <div className="entry-more">
          <button
            className={applyOffered ? 'secondary' : 'check'}
            type="submit"
            value="check"
            disabled={waiting}
          >
            <FormattedMessage id={checking ? 'entry.checking' : 'entry.check'} />
          </button>
          <button className="secondary" type="button" disabled={waiting} onClick={onTopUp}>
            <FormattedMessage id="entry.topUp" />
          </button>
        </div>
      </div>
    </form>
  );
}
