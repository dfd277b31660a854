// Money and dates as a UK cashier reads them. Money is formatted by main/common (one copy for the
// core's messages and the screens); dates and card endings here.

import { fractionDigits } from '../../main/common';
import type { Words } from './i18n/words';

export { currencySymbol, formatMinor, fractionDigits } from '../../main/common';

/**
 * Money as the screen's language writes it (`£20.00`; a Welsh screen the same way, by Intl's
 * cy-GB rules). The core's own messages keep `formatMinor`, which is always English.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = fractionDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}

/** The last four digits of a masked card number (`••••••••••••0011` → `0011`), as a cashier names a card. */
export function lastFour(cardNumberMasked: string): string {
  return cardNumberMasked.replace(/[^0-9]/g, '').slice(-4);
}

/**
 * How wide a formatted balance is, in ems of the balance font (bold tabular digits run about
 * 0.62 em each in the widest fallback font), so the CSS can size it to fit its box on one line.
 */
export function balanceWidthEm(formatted: string): number {
  return Math.max(4, Math.ceil(formatted.length * 0.64 * 10) / 10);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether this browser's Intl has the language's own data (a trimmed Chromium may lack Welsh). */
const hasLocale = (locale: string): boolean => Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;

/** A day in the language; without its data, in figures (`31/12/2026`), which read the same in any language. */
function dayFormat(locale: string, dateStyle: 'long' | 'medium', timeZone?: string): Intl.DateTimeFormat {
  return hasLocale(locale)
    ? new Intl.DateTimeFormat(locale, { dateStyle, timeZone })
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeZone });
}

/** A time of day on the 24-hour clock, in the language's own way where Intl knows it. */
function timeFormat(locale: string, timeZone?: string, seconds = false): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(hasLocale(locale) ? locale : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' as const } : {}),
    timeZone,
  });
}

/** `2026-12-31` → `31 December 2026`. A bare date is a calendar day, so it never shifts with the time zone. */
export function formatLongDate(value: string, timeZone?: string, locale = 'en-GB'): string {
  const day = DATE_ONLY.exec(value);
  if (day) {
    const at = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return dayFormat(locale, 'long', 'UTC').format(at);
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) return value;
  return dayFormat(locale, 'long', timeZone).format(at);
}

/** When a balance was read, as figures for the screen's words: the time, and the day when not today. */
export function checkedAtParts(
  iso: string,
  now: Date,
  locale: string,
  timeZone?: string,
): { time: string; day?: string } | undefined {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const time = timeFormat(locale, timeZone).format(at);
  const day = dayFormat(locale, 'long', timeZone);
  const checkedDay = day.format(at);
  return checkedDay === day.format(now) ? { time } : { time, day: checkedDay };
}

/** `14:32` today, `3 Mar 2025, 14:32` before: when a queued sale was made or will be tried again. */
export function formatTime(iso: string, now: Date, timeZone?: string, locale = 'en-GB'): string {
  return timeAndDay(iso, now, locale, timeZone, false);
}

/**
 * To the second, as IT reads a log (a scan, a check, an audit entry): `14:32:05` today,
 * `3 Mar 2025, 14:32:05` before, in the screen's language (the day in figures where Intl lacks it).
 */
export function formatTimeToTheSecond(iso: string, now: Date, locale: string, timeZone?: string): string {
  return timeAndDay(iso, now, locale, timeZone, true);
}

function timeAndDay(iso: string, now: Date, locale: string, timeZone: string | undefined, seconds: boolean) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const time = timeFormat(locale, timeZone, seconds).format(at);
  const day = dayFormat(locale, 'medium', timeZone);
  return day.format(at) === day.format(now) ? time : `${day.format(at)}, ${time}`;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * How long ago, as a manager says it: `less than a minute`, `12 min`, `2 h 5 min`, `3 days` (and
 * the same in the screen's language). Always rounded down, so a sale is never said to have waited
 * longer than it has.
 */
export function formatAge(words: Words, ms: number): string {
  const age = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  if (age < MINUTE_MS) return words.formatMessage({ id: 'age.underMinute' });
  if (age < HOUR_MS)
    return words.formatMessage({ id: 'age.minutes' }, { minutes: Math.floor(age / MINUTE_MS) });
  if (age < DAY_MS) {
    const hours = Math.floor(age / HOUR_MS);
    const minutes = Math.floor((age % HOUR_MS) / MINUTE_MS);
    return minutes === 0
      ? words.formatMessage({ id: 'age.hours' }, { hours })
      : words.formatMessage({ id: 'age.hoursMinutes' }, { hours, minutes });
  }
  return words.formatMessage({ id: 'age.days' }, { days: Math.floor(age / DAY_MS) });
}

/** How old a balance taken offline is: `balance from 35 min ago`. */
export function balanceAge(words: Words, checkedAt: string, nowMs: number): string | undefined {
  const at = Date.parse(checkedAt);
  return Number.isNaN(at)
    ? undefined
    : words.formatMessage({ id: 'sale.balanceAge' }, { age: formatAge(words, nowMs - at) });
}
