// The till's local calendar day as an interval of instants, for "today's" lists and the day
// report: records carry UTC timestamps, and ISO strings in UTC compare in time order.

/** `YYYY-MM-DD` of `at` on this machine's clock. */
export function localDateOf(at: Date): string {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** From local midnight of `date` (default: today) to the next local midnight, as UTC ISO strings. */
export function localDayBounds(
  date: string | undefined,
  now: Date,
): { date: string; from: string; to: string } {
  const day = date ?? localDateOf(now);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // new Date(y, m, d) is local midnight; the next day's is a calendar day on (23 or 25 hours across
  // a clock change, which is what a shop's day is).
  return {
    date: day,
    from: new Date(y, m - 1, d).toISOString(),
    to: new Date(y, m - 1, d + 1).toISOString(),
  };
}
