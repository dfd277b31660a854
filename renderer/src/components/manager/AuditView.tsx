// The Manager's audit: what was done in the manager view and when, newest first, with Refresh.
import type { RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { describeAuditAction, knownAuditAction, type AuditEntry } from '../../manager';
import { formatTimeToTheSecond } from '../../format';

/** Actions whose detail is the note the manager typed, not the agent's own words. */
const typedNote = (action: string): boolean => action === 'COLLECTED' || action === 'WRITTEN_OFF';

interface AuditViewProps {
  audit?: readonly AuditEntry[];
  loading: boolean;
  now: number;
  /** Focused when the manager picks the audit. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  onRefresh(): void;
}

export function AuditView({ audit, loading, now, headingRef, onRefresh }: AuditViewProps) {
  const intl = useIntl();
  return (
    <section className="panel-section" aria-labelledby="audit-heading">
      <div className="panel-top">
        <h3 id="audit-heading" ref={headingRef} tabIndex={-1}>
          <FormattedMessage id="audit.heading" />
        </h3>
        <button type="button" className="secondary refresh" onClick={onRefresh}>
          <FormattedMessage id="audit.refresh" />
        </button>
      </div>
      {loading && (
        <p className="hint">
          <FormattedMessage id="audit.reading" />
        </p>
      )}
      {audit && audit.length === 0 && (
        <p className="empty">
          <FormattedMessage id="audit.empty" />
        </p>
      )}
      {audit && audit.length > 0 && (
        <ol className="items audit">
          {audit.map((entry, i) => (
            <li className="item audit-entry" key={`${entry.at}:${i}`} data-testid="audit-entry">
              <p className="audit-top">
                <time dateTime={entry.at}>{formatTimeToTheSecond(entry.at, new Date(now), intl.locale)}</time>
                {/* An action this screen has no words for yet (a newer agent's) shows as its code. */}
                <strong>
                  {knownAuditAction(entry.action) ? (
                    describeAuditAction(intl, entry.action)
                  ) : (
                    <code>{entry.action}</code>
                  )}
                </strong>
              </p>
              {(entry.itemId || entry.detail) && (
                <p className="audit-detail">
                  {entry.itemId && intl.formatMessage({ id: 'audit.item' }, { itemId: entry.itemId })}
                  {entry.itemId && entry.detail && ' · '}
                  {/*
                   * The detail is the record as the agent wrote it: ids, a file's name, a count, a
                   * lockout, in the agent's English (marked so), or the note a manager typed when
                   * settling an item (in whatever language they typed it).
                   */}
                  {entry.detail && (
                    <span lang={typedNote(entry.action) ? undefined : 'en'}>{entry.detail}</span>
                  )}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
