// The Manager's audit: what was done in the manager view and when, newest first, with Refresh.
import type { RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { auditTime, describeAuditAction, knownAuditAction, type AuditEntry } from '../../manager';

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
                <time dateTime={entry.at}>{auditTime(entry.at, new Date(now), intl.locale)}</time>
                {/* An action this screen has no words for yet (a newer agent's) shows as its code. */}
                <strong>
                  {knownAuditAction(entry.action) ? (
                    describeAuditAction(intl, entry.action)
                  ) : (
                    <code>{entry.action}</code>
                  )}
                </strong>
              </p>
              {/* The detail is the record as written: the manager's own note, or the agent's figures. */}
              {(entry.itemId || entry.detail) && (
                <p className="audit-detail">
                  {[
                    entry.itemId && intl.formatMessage({ id: 'audit.item' }, { itemId: entry.itemId }),
                    entry.detail,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
