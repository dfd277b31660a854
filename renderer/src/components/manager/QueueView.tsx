// The Manager's queue: how many sales wait for Factor4 and how old the oldest is, the progress while
// the queue drains, the filter, Export CSV, each sale as a card, and Show more for the next page.
import type { RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  oldestAgeMs,
  queueFilters,
  sendingLine,
  summaryParts,
  type ManagerState,
  type QueueFilter,
  type Resolution,
} from '../../manager';
import { Chip } from './Chip';
import { QueueItemCard } from './QueueItemCard';

interface QueueViewProps {
  state: ManagerState;
  now: number;
  /** Focused when the manager picks the queue. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  onFilter(filter: QueueFilter): void;
  onExport(): void;
  onRetry(itemId: string): void;
  onResolve(itemId: string, resolution: Resolution, note: string): void;
  onShowMore(): void;
}

export function QueueView({
  state,
  now,
  headingRef,
  onFilter,
  onExport,
  onRetry,
  onResolve,
  onShowMore,
}: QueueViewProps) {
  const intl = useIntl();
  const { summary, filter } = state;
  const sending = sendingLine(intl, summary?.sending);
  return (
    <section className="panel-section" aria-labelledby="queue-heading">
      <h3 id="queue-heading" ref={headingRef} tabIndex={-1}>
        <FormattedMessage id="managerQueue.heading" />
      </h3>
      {summary && (
        <div className="queue-summary" data-testid="queue-summary">
          <p data-testid="queue-counts">{summaryParts(intl, summary, oldestAgeMs(state, now)).join(' · ')}</p>
          {sending && summary.sending && (
            <p className="queue-sending" data-testid="queue-sending">
              <progress max={summary.sending.of} value={Math.min(summary.sending.sent, summary.sending.of)} />
              <span>{sending}</span>
            </p>
          )}
        </div>
      )}
      <div className="chips" role="group" aria-label={intl.formatMessage({ id: 'managerQueue.filter' })}>
        {queueFilters.map((f) => (
          <Chip key={f.filter} pressed={filter === f.filter} onClick={() => onFilter(f.filter)}>
            <FormattedMessage id={f.label} />
          </Chip>
        ))}
      </div>
      <button
        type="button"
        className="secondary export"
        disabled={state.busy !== undefined}
        onClick={onExport}
      >
        <FormattedMessage
          id={state.busy?.kind === 'export' ? 'managerQueue.exporting' : 'managerQueue.export'}
        />
      </button>
      {state.loaded && state.items.length === 0 ? (
        <p className="empty" data-testid="queue-empty">
          <FormattedMessage id={filter === 'ALL' ? 'managerQueue.empty' : 'managerQueue.emptyFiltered'} />
        </p>
      ) : (
        <ul className="items" aria-label={intl.formatMessage({ id: 'managerQueue.list' })}>
          {state.items.map((item) => (
            <QueueItemCard
              key={item.itemId}
              item={item}
              now={now}
              busy={state.busy}
              onRetry={() => onRetry(item.itemId)}
              onResolve={(resolution, note) => onResolve(item.itemId, resolution, note)}
            />
          ))}
        </ul>
      )}
      {!state.loaded && (
        <p className="hint">
          <FormattedMessage id="managerQueue.reading" />
        </p>
      )}
      {state.nextCursor !== undefined && (
        <button
          type="button"
          className="secondary show-more"
          disabled={state.reading !== undefined}
          onClick={onShowMore}
        >
          <FormattedMessage
            id={state.reading?.append ? 'managerQueue.readingMore' : 'managerQueue.showMore'}
          />
        </button>
      )}
    </section>
  );
}
