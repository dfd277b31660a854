// The day's figures: each one's name, how many and its total in large type, and what it counts.
import { useIntl } from 'react-intl';
import { formatMoney } from '../../format';
import { countOf, dayFigures, figureWords, type DayReportExport } from '../../money';

export function DayFigures({ report }: { report: DayReportExport }) {
  const intl = useIntl();
  return (
    <ul
      className="items day-figures"
      aria-label={intl.formatMessage({ id: 'day.figures' })}
      data-testid="day-figures"
    >
      {dayFigures.map(({ figure, unit }) => {
        const tally = report[figure];
        const { label, definition } = figureWords(intl, figure);
        const id = `figure-${figure}`;
        return (
          <li className="item day-figure" key={figure} data-testid="day-figure" data-figure={figure}>
            <div className="day-figure-top">
              <h4 id={id}>{label}</h4>
              <p className="day-total money" data-testid="figure-total">
                {formatMoney(tally.totalMinor, report.currency, intl.locale)}
              </p>
            </div>
            <p className="day-count" data-testid="figure-count">
              {countOf(intl, unit, tally.count)}
            </p>
            <p className="day-definition">{definition}</p>
          </li>
        );
      })}
    </ul>
  );
}
