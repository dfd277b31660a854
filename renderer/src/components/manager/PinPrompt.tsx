// The Manager tab before it opens: the PIN (digits only, sent one try at a time), the demo PIN
// where there is one, why the last try was refused or until when the view is locked, and the
// status that could not be read, with Try again.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { formatTime } from '../../format';
import { MANAGER_PIN, promptState, type ManagerState } from '../../manager';
import { demoPinHint } from '../../wording';
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
  submitLabel?: string;
  /** …and while the PIN is being checked. */
  busyLabel?: string;
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
  submitLabel = 'Open',
  busyLabel = 'Opening…',
  onCancel,
}: PinPromptProps) {
  const [pin, setPin] = useState('');
  const pinRef = useRef<HTMLInputElement>(null);
  const prompt = promptState(state, now);
  const until = prompt.lockedUntil ? formatTime(prompt.lockedUntil, new Date(now)) : undefined;
  const message = state.prompt;

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
      <label htmlFor="manager-pin">Manager PIN</label>
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
          {demoPinHint}
        </p>
      )}
      {(message || until) && (
        <Alert
          level={3}
          heading={message?.heading ?? 'Manager view locked'}
          shape={until ? 'cross' : 'triangle'}
          className="pin-message"
          role="alert"
          id="pin-message"
          testId="pin-message"
        >
          {message && <p>{message.message}</p>}
          {until && <p data-testid="locked-until">Locked until {until}.</p>}
        </Alert>
      )}
      {state.statusProblem && (
        <Alert
          level={3}
          heading="Can't read the manager view's status"
          className="pin-message"
          role="alert"
          testId="status-problem"
        >
          <p>{state.statusProblem.message}</p>
          <button type="button" className="secondary" onClick={onReadStatus}>
            Try again
          </button>
        </Alert>
      )}
      <button type="submit" className="check" disabled={prompt.disabled && !state.unlocking}>
        {state.unlocking ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
