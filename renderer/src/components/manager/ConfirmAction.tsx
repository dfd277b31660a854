// A money action that asks first: the button, then a plain question with the action and Keep it.
// The question takes the keyboard when it appears; Keep it gives it back to the button.
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

interface ConfirmActionProps {
  /** The first button: `Void`. */
  label: string;
  /** Read out before anything is sent: `Void the £20.00 top-up on the card ending 0045?` */
  question: string;
  /** The button that acts: `Yes, void it` when not given. */
  confirmLabel?: string;
  /** While the action's answer is awaited: `Voiding…` when not given. */
  busyLabel?: string;
  busy: boolean;
  /** Names the item it acts on, for a screen reader (the id of its heading). */
  describedBy?: string;
  onConfirm(): void;
}

export function ConfirmAction({
  label,
  question,
  confirmLabel,
  busyLabel,
  busy,
  describedBy,
  onConfirm,
}: ConfirmActionProps) {
  const intl = useIntl();
  const [asking, setAsking] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (wasAsking.current) buttonRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking && !busy)
    return (
      <button
        type="button"
        ref={buttonRef}
        className="secondary confirm-open"
        aria-describedby={describedBy}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  return (
    <div className="confirm" data-testid="confirm">
      <p className="confirm-question" ref={questionRef} tabIndex={-1}>
        {question}
      </p>
      <div className="item-actions">
        <button
          type="button"
          className="check"
          aria-disabled={busy || undefined}
          onClick={() => {
            if (busy) return;
            setAsking(false);
            onConfirm();
          }}
        >
          {busy
            ? (busyLabel ?? intl.formatMessage({ id: 'confirmAction.busy' }))
            : (confirmLabel ?? intl.formatMessage({ id: 'confirmAction.yes' }))}
        </button>
        {!busy && (
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            <FormattedMessage id="confirmAction.keep" />
          </button>
        )}
      </div>
    </div>
  );
}
