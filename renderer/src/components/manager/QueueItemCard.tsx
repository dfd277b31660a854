// One sale waiting for Factor4, as the manager sees it: what it is and for how much, its state in
// words and a shape, what to do about it, the facts (made, cards, attempts, the last error), and
// Retry now, or Collected / Written off for one that did not go through.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { formatAge, formatMinor, formatTime, lastFour } from '../../format';
import {
  describeItemState,
  describeKind,
  describeLastError,
  describeResolution,
  itemReference,
  offersResolve,
  offersRetry,
  outcomeUnknownNote,
  type ManagerBusy,
  type ManagerItem,
  type Resolution,
} from '../../manager';
import { Shape } from '../Shape';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

interface QueueItemCardProps {
  item: ManagerItem;
  now: number;
  busy?: ManagerBusy;
  onRetry(): void;
  onResolve(resolution: Resolution, note: string): void;
}

export function QueueItemCard({ item, now, busy, onRetry, onResolve }: QueueItemCardProps) {
  const intl = useIntl();
  const [note, setNote] = useState('');
  const wording = describeItemState(item);
  const money = formatMinor(item.giftCardTotalMinor, item.currency);
  const nowDate = new Date(now);
  const created = Date.parse(item.createdAt);
  const lastError = describeLastError(item);
  const headingId = `item-${item.itemId}`;
  const mine = busy !== undefined && 'itemId' in busy && busy.itemId === item.itemId;
  const resolving = mine && busy.kind === 'resolve' ? busy.resolution : undefined;
  const failed = item.state === 'FAILED' && !item.resolution;
  const itemRef = useRef<HTMLLIElement>(null);
  const resolution = item.resolution;
  const shownResolution = useRef(resolution);
  // Resolved from this card, its buttons go: keep the keyboard here rather than back at the top.
  useEffect(() => {
    const card = itemRef.current;
    if (shownResolution.current === resolution) return;
    shownResolution.current = resolution;
    if (!resolution || !card) return;
    const active = document.activeElement;
    if (active === null || active === document.body || card.contains(active)) card.focus();
  }, [resolution]);
  return (
    <li
      ref={itemRef}
      tabIndex={-1}
      className={`item queue-item${failed ? ' queue-item--failed' : ''}`}
      data-testid="queue-item"
      data-item-id={item.itemId}
      data-state={item.state}
      aria-labelledby={headingId}
    >
      <div className="item-top">
        <h4 id={headingId}>
          {describeKind(item)} <span className="item-device">{itemReference(item)}</span>
        </h4>
        <p className="money item-amount" data-testid="item-amount">
          {money}
        </p>
      </div>
      <div className="item-badges">
        <p className={`pill tone-${wording.tone}`} data-testid="item-state">
          <Shape shape={wording.shape} />
          {wording.text}
        </p>
        {item.defect && (
          <p className="pill tone-danger" data-testid="item-fault">
            <Shape shape="triangle" />
            Fault
          </p>
        )}
      </div>
      {item.advice && (
        <div className={`advice${failed ? ' advice--failed' : ''}`} data-testid="item-advice">
          <p className="advice-heading">What to do</p>
          <p>{item.advice}</p>
        </div>
      )}
      {item.resolution && (
        <p className="outcome tone-neutral" data-testid="item-resolution">
          <Shape shape="ring" />
          Resolved: {describeResolution(item.resolution)}
        </p>
      )}
      {/* The agent's advice says it already when it has any: each fact once. */}
      {item.outcomeUnknown && item.state !== 'DELIVERED' && !item.advice && (
        <p className="outcome tone-warning" data-testid="item-unknown">
          <Shape shape="triangle" />
          {outcomeUnknownNote}
        </p>
      )}
      <dl className="facts">
        <Fact term="Made">
          {formatTime(item.createdAt, nowDate)}
          {Number.isNaN(created) ? '' : ` (${formatAge(intl, now - created)} ago)`}
        </Fact>
        <Fact term="Cards">
          {item.cardNumbersMasked.length === 0
            ? 'none'
            : item.cardNumbersMasked.map((c) => `•••• ${lastFour(c)}`).join(', ')}
        </Fact>
        <Fact term="Attempts">{item.attempts}</Fact>
        {item.nextAttemptAt && <Fact term="Next try">{formatTime(item.nextAttemptAt, nowDate)}</Fact>}
        {item.deliveredAt && <Fact term="Delivered">{formatTime(item.deliveredAt, nowDate)}</Fact>}
        {lastError && (
          <Fact term="Last error">
            <span data-testid="item-error">{lastError}</span>
          </Fact>
        )}
      </dl>
      {offersResolve(item) && (
        <div className="resolve">
          <label htmlFor={`${headingId}-note`}>Note (optional)</label>
          <input
            id={`${headingId}-note`}
            className="input"
            type="text"
            autoComplete="off"
            maxLength={200}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <div className="item-actions">
            <button
              type="button"
              className="check"
              aria-describedby={headingId}
              aria-disabled={busy !== undefined || undefined}
              onClick={() => onResolve('COLLECTED', note)}
            >
              {resolving === 'COLLECTED' ? 'Saving…' : 'Collected'}
            </button>
            <button
              type="button"
              className="secondary"
              aria-describedby={headingId}
              aria-disabled={busy !== undefined || undefined}
              onClick={() => onResolve('WRITTEN_OFF', note)}
            >
              {resolving === 'WRITTEN_OFF' ? 'Saving…' : 'Written off'}
            </button>
          </div>
        </div>
      )}
      {offersRetry(item) && (
        <button
          type="button"
          className="secondary retry"
          aria-describedby={headingId}
          aria-disabled={busy !== undefined || undefined}
          onClick={onRetry}
        >
          {mine && busy.kind === 'retry' ? 'Retrying…' : 'Retry now'}
        </button>
      )}
    </li>
  );
}
