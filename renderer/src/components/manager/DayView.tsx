// The manager's Day: one till's gift card activity on a day (today, or an earlier one, a day at a
// time: no date field, whose format follows the browser's language rather than the shop's), each
// figure with what it counts, Download CSV, and that day's top-ups with Void.
import { useState, type RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { TillAgentApi } from '../../../../main/agent/contract';
import { dayName, dayNotice, localDate, moneyProblem, shiftDate } from '../../money';
import { Alert } from '../Alert';
import { Shape } from '../Shape';
import { DayFigures } from './DayFigures';
import { TopUpRow } from './TopUpRow';
import { useDayReport } from './useDayReport';
import { useDayTopUps } from './useDayTopUps';
import type { Refused } from './useManagerCall';

interface DayViewProps {
  agent: TillAgentApi;
  session: string;
  now: number;
  /** Focused when the manager picks the Day. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  onRefused: Refused;
}

export function DayView({ agent, session, now, headingRef, onRefused }: DayViewProps) {
  const intl = useIntl();
  const today = localDate(now);
  const [date, setDate] = useState(today);
  const name = dayName(date, intl.locale);
  return (
    <section className="panel-section" aria-labelledby="day-heading" data-testid="day-view">
      <h3 id="day-heading" ref={headingRef} tabIndex={-1}>
        <FormattedMessage id="day.heading" />
      </h3>
      <p className="day-name" aria-live="polite" data-testid="day-name">
        <FormattedMessage id={date === today ? 'day.today' : 'day.other'} values={{ day: name }} />
      </p>
      <div className="item-actions day-pick" role="group" aria-label={intl.formatMessage({ id: 'day.pick' })}>
        <button type="button" className="secondary" onClick={() => setDate(shiftDate(date, -1))}>
          <FormattedMessage id="day.previous" />
        </button>
        {date < today && (
          <button type="button" className="secondary" onClick={() => setDate(shiftDate(date, 1))}>
            <FormattedMessage id="day.next" />
          </button>
        )}
        {date < today && (
          <button type="button" className="secondary" onClick={() => setDate(today)}>
            <FormattedMessage id="day.backToToday" />
          </button>
        )}
      </div>
      {/* Each day starts afresh: its figures, top-ups and notices are that day's only. */}
      <DayBody key={date} agent={agent} session={session} date={date} now={now} onRefused={onRefused} />
    </section>
  );
}

interface DayBodyProps {
  agent: TillAgentApi;
  session: string;
  date: string;
  now: number;
  onRefused: Refused;
}

function DayBody({ agent, session, date, now, onRefused }: DayBodyProps) {
  const intl = useIntl();
  const day = useDayReport(agent, session, date, onRefused);
  const topUps = useDayTopUps(agent, session, date, onRefused);
  const { report } = day;
  const problem = day.problem ?? topUps.problem;
  const said = problem ? moneyProblem(intl, problem, 'manager') : undefined;
  const notice = day.notice ?? topUps.notice;
  return (
    <>
      {report && (
        <p className="day-what" data-testid="day-what">
          <FormattedMessage id="day.till" values={{ siteId: report.siteId, tillId: report.tillId }} />
        </p>
      )}
      {day.loading && !report && (
        <p className="hint">
          <FormattedMessage id="day.reading" />
        </p>
      )}
      {said && (
        <Alert level={4} heading={said.heading} className="panel-alert" role="alert" testId="day-problem">
          <p>{said.message}</p>
        </Alert>
      )}
      {report && (
        <>
          <DayFigures report={report} />
          <button type="button" className="secondary export" onClick={day.download}>
            <FormattedMessage id="day.downloadCsv" />
          </button>
        </>
      )}
      <div aria-live="polite">
        {notice && (
          <p className="outcome tone-good" data-testid="day-notice">
            <Shape shape="circle" />
            {dayNotice(intl, notice)}
          </p>
        )}
      </div>
      <h4 className="day-subheading">
        <FormattedMessage id="dayTopUps.heading" />
      </h4>
      {topUps.topUps === undefined ? (
        <p className="hint">
          <FormattedMessage id="dayTopUps.reading" />
        </p>
      ) : topUps.topUps.length === 0 ? (
        <p className="empty" data-testid="day-topups-empty">
          <FormattedMessage id="dayTopUps.none" />
        </p>
      ) : (
        <>
          <button type="button" className="secondary export" onClick={topUps.download}>
            <FormattedMessage id="dayTopUps.downloadCsv" />
          </button>
          <ul className="items" aria-label={intl.formatMessage({ id: 'dayTopUps.list' })}>
            {topUps.topUps.map((t) => (
              <TopUpRow
                key={t.topUpId}
                topUp={t}
                now={now}
                voiding={topUps.voiding === t.topUpId}
                busy={topUps.voiding !== undefined}
                onVoid={() => topUps.voidTopUp(t.topUpId)}
              />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
