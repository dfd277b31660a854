// Where the cashier keys a card: number, optional PIN, and one big button. Enter in either field
// submits; while a check runs the button says so and refuses a second press.
import type { FormEvent, RefObject } from 'react';
import type { EntryField } from '../state';

interface CardEntryProps {
  cardNumber: string;
  pin: string;
  checking: boolean;
  invalidField?: EntryField;
  numberRef: RefObject<HTMLInputElement | null>;
  pinRef: RefObject<HTMLInputElement | null>;
  onCardNumberChange(value: string): void;
  onPinChange(value: string): void;
  onCheck(): void;
}

export function CardEntry(props: CardEntryProps) {
  const { cardNumber, pin, checking, invalidField, numberRef, pinRef } = props;
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!checking) props.onCheck();
  };
  return (
    <form className="entry" onSubmit={submit} noValidate aria-label="Check a gift card">
      <div className="field">
        <label htmlFor="card-number">Gift card number</label>
        <input
          id="card-number"
          ref={numberRef}
          className="input input--number"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          enterKeyHint="search"
          spellCheck={false}
          maxLength={80}
          autoFocus
          value={cardNumber}
          aria-invalid={invalidField === 'cardNumber' || undefined}
          aria-describedby={invalidField === 'cardNumber' ? 'result-problem' : undefined}
          onChange={(event) => props.onCardNumberChange(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="card-pin">PIN (if the card has one)</label>
        <input
          id="card-pin"
          ref={pinRef}
          className="input input--pin"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          autoCorrect="off"
          enterKeyHint="search"
          spellCheck={false}
          maxLength={8}
          value={pin}
          aria-invalid={invalidField === 'pin' || undefined}
          aria-describedby={invalidField === 'pin' ? 'result-problem' : undefined}
          onChange={(event) => props.onPinChange(event.target.value)}
        />
      </div>
      <button className="check" type="submit" disabled={checking}>
        {checking ? 'Checking…' : 'Check balance'}
      </button>
    </form>
  );
}
