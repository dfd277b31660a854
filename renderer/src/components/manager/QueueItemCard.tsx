// One sale waiting for Factor4, as the manager sees it: what it is and for how much, its state in
// words and a shape, what to do about it, the facts (made, cards, attempts, the last error), and
// Retry now, or Collected / Written off for one that did not go through.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatAge, formatMoney, formatTime, lastFour } from '../../format';
import type { MessageId } from '../../i18n/en-GB';
import {
  adviceWords,
  describeItemState,
  describeKind,
  describeLastError,
  describeResolution,
  itemReference,
  offersResolve,
  offersRetry,
  type ManagerBusy,
  type ManagerItem,
  type Resolution,
} from '../../manager';
import { Shape } from '../Shape';

function Fact({ term, children }: { term: MessageId; children: ReactNode }) {
  return (
    <>
      <dt>
        <FormattedMessage id={term} />
      </dt>
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
  const advice = adviceWords(intl, item, now);
  const [note, setNote] = useState('');
  const wording = describeItemState(intl, item);
  const money = formatMoney(item.giftCardTotalMinor, item.currency, intl.locale);
  const nowDate = new Date(now);
  const time = (iso: string): string => formatTime(iso, nowDate, undefined, intl.locale);
  const made = time(item.createdAt);
  const created = Date.parse(item.createdAt);
  const lastError = describeLastError(intl, item);
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
          <FormattedMessage
            id="queueItem.heading"
            values={{
              kind: describeKind(intl, item),
              reference: itemReference(intl, item),
              ref: (chunks) => <span className="item-device">{chunks}</span>,
            }}
          />
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
            <FormattedMessage id="queueItem.fault" />
          </p>
        )}
      </div>
      {advice && (
        <div className={`advice${failed ? ' advice--failed' : ''}`} data-testid="item-advice">
          <p className="advice-heading">
            <FormattedMessage id="queueItem.whatToDo" />
          </p>
          {/* By its code, with the item's figures; the agent's English only for a code this screen does not know. */}
          <p {...(advice.lang ? { lang: advice.lang, 'data-agent-text': '' } : {})}>{advice.text}</p>
        </div>
      )}
      {item.resolution && (
        <p className="outcome tone-neutral" data-testid="item-resolution">
          <Shape shape="ring" />
          <FormattedMessage
            id="queueItem.resolved"
            values={{ resolution: describeResolution(intl, item.resolution) }}
          />
        </p>
      )}
      {/* The agent's advice says it already when it has any: each fact once. */}
      {item.outcomeUnknown && item.state !== 'DELIVERED' && !item.advice && (
        <p className="outcome tone-warning" data-testid="item-unknown">
          <Shape shape="triangle" />
          <FormattedMessage id="queueItem.outcomeUnknown" />
        </p>
      )}
      <dl className="facts">
        <Fact term="queueItem.made">
          {Number.isNaN(created) ? (
            made
          ) : (
            <FormattedMessage
              id="queueItem.madeAgo"
              values={{ time: made, age: formatAge(intl, now - created) }}
            />
          )}
        </Fact>
        <Fact term="queueItem.cards">
          {item.cardNumbersMasked.length === 0 ? (
            <FormattedMessage id="queueItem.noCards" />
          ) : (
            item.cardNumbersMasked.map((c) => `•••• ${lastFour(c)}`).join(', ')
          )}
        </Fact>
        <Fact term="queueItem.attempts">{intl.formatNumber(item.attempts)}</Fact>
        {item.nextAttemptAt && <Fact term="queueItem.nextTry">{time(item.nextAttemptAt)}</Fact>}
        {item.deliveredAt && <Fact term="queueItem.delivered">{time(item.deliveredAt)}</Fact>}
        {lastError && (
          <Fact term="queueItem.lastError">
            {/* Without a code the screen knows, the agent's own sentence: English, marked so. */}
            <span data-testid="item-error" lang={lastError.lang}>
              {lastError.text}
            </span>
          </Fact>
        )}
      </dl>
      {offersResolve(item) && (
        <div className="resolve">
          <label htmlFor={`${headingId}-note`}>
            <FormattedMessage id="queueItem.note" />
          </label>
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
              <FormattedMessage id={resolving === 'COLLECTED' ? 'queueItem.saving' : 'queueItem.collected'} />
            </button>
            <button
              type="button"
              className="secondary"
              aria-describedby={headingId}
              aria-disabled={busy !== undefined || undefined}
              onClick={() => onResolve('WRITTEN_OFF', note)}
            >
              <FormattedMessage
                id={resolving === 'WRITTEN_OFF' ? 'queueItem.saving' : 'queueItem.writtenOff'}
              />
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
          <FormattedMessage id={mine && busy.kind === 'retry' ? 'queueItem.retrying' : 'queueItem.retry'} />
        </button>
      )}
    </li>
  );
}
