// An earlier refund found by its id (on its receipt, or a Refund in the queue), to see where it is
// and void it.
import { FindById } from './FindById';

export function FindRefund({ finding, onFind }: { finding: boolean; onFind(refundId: string): void }) {
  return (
    <FindById
      idPrefix="find-refund"
      className="money-form find-refund"
      heading="Void an earlier refund"
      label="Refund id"
      typoMessage="Type the refund id as on its receipt or in the queue: letters, digits, _ or -."
      buttonClassName="secondary"
      finding={finding}
      findLabel="Find the refund"
      findingLabel="Finding the refund…"
      onFind={onFind}
    />
  );
}
