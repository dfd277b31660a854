// Reports from the till's own records: the local day, and the day report.
export { localDateOf, localDayBounds } from './local-day';
export { DAY_FIGURES, DayReports, dayReportCsv } from './day';
