// The day's figures: each one's name, how many and its total in large type, and what it counts.
import { formatMinor } from '../../format';
import { countOf, dayFigures, type DayReportExport } from '../../money';

export function DayFigures({ report }: { report: DayReportExport }) {
  return (
    <ul className="items day-figures" aria-label="The day's figures" data-testid="day-figures">
      {dayFigures.map(({ figure, label, unit, definition }) => {
        const tally = report[figure];
        const id = `figure-${figure}`;
        return (
          <li className="item day-figure" key={figure} data-testid="day-figure" data-figure={figure}>
            <div className="day-figure-top">
              <h4 id={id}>{label}</h4>
              <p className="day-total money" data-testid="figure-total">
                {formatMinor(tally.totalMinor, report.currency)}
              </p>
            </div>
            <p className="day-count" data-testid="figure-count">
              {countOf(tally.count, unit)}
            </p>
            <p className="day-definition">{definition}</p>
          </li>
        );
      })}
    </ul>
  );
}
