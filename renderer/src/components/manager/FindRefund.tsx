// An earlier refund found by its id (on its receipt, or a Refund in the queue), to see where it is
// and void it.
import { useState, type FormEvent } from 'react';
import { Shape } from '../Shape';

const REFUND_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function FindRefund({ finding, onFind }: { finding: boolean; onFind(refundId: string): void }) {
  const [typed, setTyped] = useState('');
  const [typo, setTypo] = useState<string>();
  const find = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const id = typed.trim();
    if (!REFUND_ID.test(id)) {
      setTypo('Type the refund id as on its receipt or in the queue: letters, digits, _ or -.');
      return;
    }
    setTypo(undefined);
    onFind(id);
  };
  return (
    <form className="money-form find-refund" onSubmit={find} noValidate aria-labelledby="find-refund-heading">
      <h4 id="find-refund-heading">Void an earlier refund</h4>
      <div className="field">
        <label htmlFor="find-refund-id">Refund id</label>
        <input
          id="find-refund-id"
          className="input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          value={typed}
          aria-invalid={typo ? true : undefined}
          aria-describedby={typo ? 'find-refund-typo' : undefined}
          onChange={(event) => setTyped(event.target.value)}
        />
      </div>
      {typo && (
        <p className="field-problem" id="find-refund-typo" role="alert">
          <Shape shape="triangle" />
          {typo}
        </p>
      )}
      <button type="submit" className="secondary" aria-disabled={finding || undefined}>
        {finding ? 'Finding the refund…' : 'Find the refund'}
      </button>
    </form>
  );
}
