// The manager's Day: one till's gift card activity on a day (today, or an earlier one, a day at a
// time: no date field, whose format follows the browser's language rather than the shop's), each
// figure with what it counts, Download CSV, and that day's top-ups with Void.
import { useState, type RefObject } from 'react';
import type { TillAgentApi } from '../../../../main/agent/contract';
import { dayName, localDate, shiftDate } from '../../money';
import { Alert } from '../Alert';
import { Shape } from '../Shape';
import { DayFigures } from './DayFigures';
import { TopUpRow } from './TopUpRow';
import { useDayReport } from './useDayReport';
import { useDayTopUps } from './useDayTopUps';
import { moneyProblem } from '../../money';
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
  const today = localDate(now);
  const [date, setDate] = useState(today);
  return (
    <section className="panel-section" aria-labelledby="day-heading" data-testid="day-view">
      <h3 id="day-heading" ref={headingRef} tabIndex={-1}>
        Day
      </h3>
      <p className="day-name" aria-live="polite" data-testid="day-name">
        {date === today ? `Today, ${dayName(date)}` : dayName(date)}
      </p>
      <div className="item-actions day-pick" role="group" aria-label="Day shown">
        <button type="button" className="secondary" onClick={() => setDate(shiftDate(date, -1))}>
          Previous day
        </button>
        {date < today && (
          <button type="button" className="secondary" onClick={() => setDate(shiftDate(date, 1))}>
            Next day
          </button>
        )}
        {date < today && (
          <button type="button" className="secondary" onClick={() => setDate(today)}>
            Today
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
  const day = useDayReport(agent, session, date, onRefused);
  const topUps = useDayTopUps(agent, session, date, onRefused);
  const { report } = day;
  const problem = day.problem ?? topUps.problem;
  const notice = day.notice ?? topUps.notice;
  return (
    <>
      {report && (
        <p className="day-what" data-testid="day-what">
          Till {report.siteId}-{report.tillId}
        </p>
      )}
      {day.loading && !report && <p className="hint">Reading the day…</p>}
      {problem && (
        <Alert
          level={4}
          heading={moneyProblem(problem).heading}
          className="panel-alert"
          role="alert"
          testId="day-problem"
        >
          <p>{problem.message}</p>
        </Alert>
      )}
      {report && (
        <>
          <DayFigures report={report} />
          <button type="button" className="secondary export" onClick={day.download}>
            Download CSV
          </button>
        </>
      )}
      <div aria-live="polite">
        {notice && (
          <p className="outcome tone-good" data-testid="day-notice">
            <Shape shape="circle" />
            {notice}
          </p>
        )}
      </div>
      <h4 className="day-subheading">Top-ups</h4>
      {topUps.topUps === undefined ? (
        <p className="hint">Reading the top-ups…</p>
      ) : topUps.topUps.length === 0 ? (
        <p className="empty" data-testid="day-topups-empty">
          No top-ups on this day.
        </p>
      ) : (
        <>
          <button type="button" className="secondary export" onClick={topUps.download}>
            Download top-ups CSV
          </button>
          <ul className="items" aria-label="Top-ups on this day">
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
