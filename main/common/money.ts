// Money as a UK cashier reads it, for the core's messages and the screens alike: integer minor
// units (pence) divided once, by the currency's own number of decimals, only when shown. Pure: no
// Node and no DOM, so the renderer bundles it as it is.

/** Per currency, made once: its format, and how many minor units make a major one (a power of ten). */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number; perMajor: number }>();

function moneyFormat(currency: string) {
  let known = moneyFormats.get(currency);
  if (!known) {
    const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    // resolvedOptions() builds a new object each call (~5 µs): read once, not per amount.
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    known = { format, digits, perMajor: 10 ** digits };
    moneyFormats.set(currency, known);
  }
  return known;
}

/** How many minor units make a major one, as a power of ten: 2 for GBP (pence), 0 for JPY, 3 for BHD. */
export function fractionDigits(currency: string): number {
  return moneyFormat(currency).digits;
}

/** `5000, 'GBP'` → `£50.00`. An amount the agent sends is at most 10^8 minor units, well inside exact doubles. */
export function formatMinor(minor: number, currency: string): string {
  const { format, perMajor } = moneyFormat(currency);
  return format.format(minor / perMajor);
}

/** The sign written before an amount in this currency: `£` for GBP, `€` for EUR, `US$` for USD. */
export function currencySymbol(currency: string): string {
  return (
    moneyFormat(currency)
      .format.formatToParts(0)
      .find((part) => part.type === 'currency')?.value ?? currency
  );
}
