// The Manager tab before it opens: the PIN (digits only, sent one try at a time), the demo PIN
// where there is one, why the last try was refused or until when the view is locked, and the
// status that could not be read, with Try again.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { errorHeading } from '../../error-words';
import { formatTime } from '../../format';
import type { MessageId } from '../../i18n/en-GB';
import { DEMO_PIN, MANAGER_PIN, promptState, promptWords, type ManagerState } from '../../manager';
import { Alert } from '../Alert';

interface PinPromptProps {
  state: ManagerState;
  now: number;
  /** A PIN of the wrong shape: refused here, so it does not cost one of the tries. */
  onRefused(): void;
  /** A PIN to send; `answered` runs as the agent's answer arrives. */
  onUnlock(pin: string, answered: () => void): void;
  /** The status could not be read: read it again. */
  onReadStatus(): void;
  /** The button's words: Open for the Manager tab, Approve where a manager approves one action. */
  submitLabel?: MessageId;
  /** …and while the PIN is being checked. */
  busyLabel?: MessageId;
  /**
   * Where the prompt sits inside something else (a top-up's approval): Escape closes just the
   * prompt, and the screen around it keeps what was typed. Without it, Escape goes on to the screen.
   */
  onCancel?(): void;
}

export function PinPrompt({
  state,
  now,
  onRefused,
  onUnlock,
  onReadStatus,
  submitLabel = 'pin.open',
  busyLabel = 'pin.opening',
  onCancel,
}: PinPromptProps) {
  const intl = useIntl();
  const [pin, setPin] = useState('');
  const pinRef = useRef<HTMLInputElement>(null);
  const prompt = promptState(state, now);
  const until = prompt.lockedUntil
    ? formatTime(prompt.lockedUntil, new Date(now), undefined, intl.locale)
    : undefined;
  const message = state.prompt;
  const said = message ? promptWords(intl, message) : undefined;

  // The manager starts where they act next: the PIN.
  useEffect(() => {
    pinRef.current?.focus();
  }, []);

  const unlock = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (prompt.disabled) return;
    const typed = pin.trim();
    if (!MANAGER_PIN.test(typed)) {
      onRefused();
      pinRef.current?.focus();
      return;
    }
    onUnlock(typed, () => setPin(''));
  };

  const escape = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key !== 'Escape' || !onCancel) return;
    // Not on to the till's own Escape (which clears the till): only this prompt closes.
    event.stopPropagation();
    event.preventDefault();
    setPin('');
    onCancel();
  };

  return (
    <form className="pin-prompt" onSubmit={unlock} onKeyDown={escape} noValidate data-testid="pin-prompt">
      <label htmlFor="manager-pin">
        <FormattedMessage id="pin.label" />
      </label>
      <input
        id="manager-pin"
        ref={pinRef}
        className="input input--manager-pin"
        type="password"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        enterKeyHint="go"
        maxLength={12}
        size={12}
        value={pin}
        disabled={prompt.disabled && !state.unlocking}
        readOnly={state.unlocking}
        aria-invalid={message?.code === 'MANAGER_PIN_INCORRECT' || message === undefined ? undefined : true}
        aria-describedby={message || until ? 'pin-message' : state.status?.demoPin ? 'pin-hint' : undefined}
        onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
      />
      {state.status?.demoPin && (
        <p className="pin-hint" id="pin-hint" data-testid="demo-pin-hint">
          <FormattedMessage id="pin.demoHint" values={{ pin: DEMO_PIN }} />
        </p>
      )}
      {(message || until) && (
        <Alert
          level={3}
          heading={said?.heading ?? errorHeading(intl, 'MANAGER_LOCKED')}
          shape={until ? 'cross' : 'triangle'}
          className="pin-message"
          role="alert"
          id="pin-message"
          testId="pin-message"
        >
          {/* The agent's reason where no code says it (Till Agent not answering): English, marked so. */}
          {said && <p lang={said.lang}>{said.message}</p>}
          {until && (
            <p data-testid="locked-until">
              <FormattedMessage id="pin.lockedUntil" values={{ time: until }} />
            </p>
          )}
        </Alert>
      )}
      {state.statusProblem && (
        <Alert
          level={3}
          heading={intl.formatMessage({ id: 'pin.status.heading' })}
          className="pin-message"
          role="alert"
          testId="status-problem"
        >
          {/* Why, in the agent's (or the bridge's) English: no code of the status says more. */}
          <p lang="en">{state.statusProblem.message}</p>
          <button type="button" className="secondary" onClick={onReadStatus}>
            <FormattedMessage id="pin.status.retry" />
          </button>
        </Alert>
      )}
      <button type="submit" className="check" disabled={prompt.disabled && !state.unlocking}>
        <FormattedMessage id={state.unlocking ? busyLabel : submitLabel} />
      </button>
    </form>
  );
}
