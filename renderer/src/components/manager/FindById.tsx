// The form where the manager types the id of an earlier sale or refund to find it. Voiding a sale
// and voiding a refund both ask for one, so a typo is refused here the same way before the agent
// is asked.
import { useState, type FormEvent, type RefObject } from 'react';
import { Shape } from '../Shape';

/** Ids as receipts and the queue show them. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

interface FindByIdProps {
  /** Prefix of the field's, the typo's and the heading's element ids. */
  idPrefix: string;
  className: string;
  /** A heading drawn inside the form, which names it. */
  heading?: string;
  label: string;
  /** What the manager is told when the id cannot be one. */
  typoMessage: string;
  buttonClassName: string;
  finding: boolean;
  findLabel: string;
  findingLabel: string;
  fieldRef?: RefObject<HTMLInputElement | null>;
  onTypo?(): void;
  onFind(id: string): void;
}

export function FindById({
  idPrefix,
  className,
  heading,
  label,
  typoMessage,
  buttonClassName,
  finding,
  findLabel,
  findingLabel,
  fieldRef,
  onTypo,
  onFind,
}: FindByIdProps) {
  const [typed, setTyped] = useState('');
  /** The id typed cannot be one: `typoMessage` is shown (in the screen's language as it is drawn). */
  const [typo, setTypo] = useState(false);
  const find = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const id = typed.trim();
    if (!ID.test(id)) {
      setTypo(true);
      onTypo?.();
      return;
    }
    setTypo(false);
    onFind(id);
  };
  const headingId = heading ? `${idPrefix}-heading` : undefined;
  const typoId = `${idPrefix}-typo`;
  return (
    <form className={className} onSubmit={find} noValidate aria-labelledby={headingId}>
      {heading && <h4 id={headingId}>{heading}</h4>}
      <div className="field">
        <label htmlFor={`${idPrefix}-id`}>{label}</label>
        <input
          id={`${idPrefix}-id`}
          ref={fieldRef}
          className="input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          value={typed}
          aria-invalid={typo ? true : undefined}
          aria-describedby={typo ? typoId : undefined}
          onChange={(event) => setTyped(event.target.value)}
        />
      </div>
      {typo && (
        <p className="field-problem" id={typoId} role="alert">
          <Shape shape="triangle" />
          {typoMessage}
        </p>
      )}
      <button type="submit" className={buttonClassName} aria-disabled={finding || undefined}>
        {finding ? findingLabel : findLabel}
      </button>
    </form>
  );
}
