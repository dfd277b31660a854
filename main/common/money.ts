// Money as a UK cashier reads it, for the core's messages and the screens alike: integer minor
// units (pence) divided once, by the currency's own number of decimals, only when shown. Pure: no
// Node and no DOM, so the renderer bundles it as it is.

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** How many minor units make a major one, as a power of ten: 2 for GBP (pence), 0 for JPY, 3 for BHD. */
export function fractionDigits(currency: string): number {
  return moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `5000, 'GBP'` → `£50.00`. An amount the agent sends is at most 10^8 minor units, well inside exact doubles. */
export function formatMinor(minor: number, currency: string): string {
  return moneyFormat(currency).format(minor / 10 ** fractionDigits(currency));
}

/** The sign written before an amount in this currency: `£` for GBP, `€` for EUR, `US$` for USD. */
export function currencySymbol(currency: string): string {
  return (
    moneyFormat(currency)
      .formatToParts(0)
      .find((part) => part.type === 'currency')?.value ?? currency
  );
}
