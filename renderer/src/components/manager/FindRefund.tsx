// An earlier refund found by its id (on its receipt, or a Refund in the queue), to see where it is
// and void it.
import { useIntl } from 'react-intl';
import { FindById } from './FindById';

export function FindRefund({ finding, onFind }: { finding: boolean; onFind(refundId: string): void }) {
  const intl = useIntl();
  return (
    <FindById
      idPrefix="find-refund"
      className="money-form find-refund"
      heading={intl.formatMessage({ id: 'findRefund.heading' })}
      label={intl.formatMessage({ id: 'findRefund.label' })}
      typoMessage={intl.formatMessage({ id: 'findRefund.typo' })}
      buttonClassName="secondary"
      finding={finding}
      findLabel={intl.formatMessage({ id: 'findRefund.find' })}
      findingLabel={intl.formatMessage({ id: 'findRefund.finding' })}
      onFind={onFind}
    />
  );
}
