// A small line under the header while closed sales wait to reach Factor4 (or were refused), on
// every screen, so the cashier knows the till still has something to send.
import { useIntl } from 'react-intl';
import type { QueueSummary } from '../sale-state';
import { queueCounts } from '../sale-state';
import { Shape } from './Shape';

export function QueueNote({ queue }: { queue?: QueueSummary }) {
  const { pending, failed } = queueCounts(queue);
  const intl = useIntl();
  const parts = [
    ...(pending > 0 ? [intl.formatMessage({ id: 'queue.pending' }, { count: pending })] : []),
    ...(failed > 0 ? [intl.formatMessage({ id: 'queue.failed' }, { count: failed })] : []),
  ];
  const text =
    parts.length === 0
      ? undefined
      : parts.length === 1
        ? parts[0]
        : intl.formatMessage({ id: 'queue.join' }, { first: parts[0], second: parts[1] });
  return (
    <p
      className={text ? `queue-note tone-${failed > 0 ? 'danger' : 'warning'}` : 'visually-hidden'}
      role="status"
      data-testid="queue-note"
    >
      {text && (
        <>
          <Shape shape={failed > 0 ? 'cross' : 'ring'} />
          {text}
        </>
      )}
    </p>
  );
}
