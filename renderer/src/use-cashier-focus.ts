// Where the keyboard and the eye go on the till screen: after every result (and every sale step
// ended) the keyboard goes to the card number (or the field to fix) and the result is brought into
// view; a control that goes away or is disabled while it has the keyboard (a button that did its
// job, a PIN prompt locked out) hands it to the card number, so nothing keyed next is lost.
import { useEffect, type RefObject } from 'react';
import type { EntryField } from './state';

interface CashierFocus {
  /** Whether the till screen is shown (the fields exist only then). */
  active: boolean;
  /** Goes up with every result and every sale step ended. */
  resultSeq: number;
  /** The field a problem is about; the card number when none. */
  invalidField?: EntryField;
  /** The result area, brought into view when it shows something. */
  resultRef: RefObject<HTMLElement | null>;
  /** Whether the result area shows a result (not the idle hint). */
  resultShown: boolean;
  fields: Record<EntryField, RefObject<HTMLInputElement | null>>;
}

export function useCashierFocus({
  active,
  resultSeq,
  invalidField,
  resultRef,
  resultShown,
  fields,
}: CashierFocus): void {
  const { cardNumber, pin, maxAmount } = fields;

  // After every result, the next card can be keyed at once: focus the field, select its text.
  useEffect(() => {
    if (resultSeq === 0) return;
    const refs = { cardNumber, pin, maxAmount };
    const field = refs[invalidField ?? 'cardNumber'].current ?? cardNumber.current;
    field?.focus();
    field?.select();
  }, [resultSeq, invalidField, cardNumber, pin, maxAmount]);

  // The newest result in view, below however many cards the sale has: after the focus above, so
  // the field is scrolled to first and the result (if both do not fit) wins.
  const scrollTo = resultShown ? resultSeq : 0;
  useEffect(() => {
    if (scrollTo === 0) return;
    resultRef.current?.scrollIntoView({ block: 'nearest' });
  }, [scrollTo, resultRef]);

  useEffect(() => {
    if (!active) return;
    const onFocusOut = (event: FocusEvent): void => {
      const left = event.target;
      if (event.relatedTarget !== null || !(left instanceof HTMLElement)) return;
      // Judged once the change that moved the keyboard is done: another control may take it meanwhile.
      setTimeout(() => {
        const gone = !left.isConnected || left.matches(':disabled');
        const nowhere = document.activeElement === null || document.activeElement === document.body;
        if (gone && nowhere) cardNumber.current?.focus();
      }, 0);
    };
    document.addEventListener('focusout', onFocusOut);
    return () => document.removeEventListener('focusout', onFocusOut);
  }, [active, cardNumber]);
}
