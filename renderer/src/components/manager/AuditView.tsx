// The Manager's audit: what was done in the manager view and when, newest first, with Refresh.
import type { RefObject } from 'react';
import { formatEventTime } from '../../format';
import { describeAuditAction, type AuditEntry } from '../../manager';

interface AuditViewProps {
  audit?: readonly AuditEntry[];
  loading: boolean;
  now: number;
  /** Focused when the manager picks the audit. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  onRefresh(): void;
}

export function AuditView({ audit, loading, now, headingRef, onRefresh }: AuditViewProps) {
  return (
    <section className="panel-section" aria-labelledby="audit-heading">
      <div className="panel-top">
        <h3 id="audit-heading" ref={headingRef} tabIndex={-1}>
          Audit
        </h3>
        <button type="button" className="secondary refresh" onClick={onRefresh}>
          Refresh
        </button>
      </div>
      {loading && <p className="hint">Reading the audit…</p>}
      {audit && audit.length === 0 && <p className="empty">Nothing recorded yet.</p>}
      {audit && audit.length > 0 && (
        <ol className="items audit">
          {audit.map((entry, i) => (
            <li className="item audit-entry" key={`${entry.at}:${i}`} data-testid="audit-entry">
              <p className="audit-top">
                <time dateTime={entry.at}>{formatEventTime(entry.at, new Date(now))}</time>
                <strong>{describeAuditAction(entry.action)}</strong>
              </p>
              {(entry.itemId || entry.detail) && (
                <p className="audit-detail">
                  {[entry.itemId && `Item ${entry.itemId}`, entry.detail].filter(Boolean).join(' · ')}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
