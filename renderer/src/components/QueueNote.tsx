// A small line under the header while closed sales wait to reach Factor4 (or were refused), on
// every screen, so the cashier knows the till still has something to send.
import type { QueueSummary } from '../sale-state';
import { queueCounts } from '../sale-state';
import { queueWording } from '../wording';
import { Shape } from './Shape';

export function QueueNote({ queue }: { queue?: QueueSummary }) {
  const { pending, failed } = queueCounts(queue);
  const text = queueWording(pending, failed);
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
