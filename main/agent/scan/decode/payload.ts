// The text forms gift cards and wallet apps put in QR codes, besides GS1: a link whose query names
// the card, "number;pin" (or = or |), a JSON object, and the operator's own regular expressions.
import type { Found } from './found';
import type { ScannedUrl } from './url';
import { decodeComponent } from './url';
import { compile } from './regex-cache';
import { REASONS, refuse, type NotACard } from './refusals';

/** Query and JSON keys naming the card, compared lower-case, earlier ones preferred. */
const CARD_KEYS = ['card', 'cardnumber', 'gan', 'number', 'c'];
const PIN_KEYS = ['pin', 'p'];

function pick<T>(entries: ReadonlyArray<readonly [string, T]>, keys: readonly string[]): T | undefined {
  for (const wanted of keys) {
    for (const [key, value] of entries) if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** The card (and PIN) named in a link's query: ?card=…&pin=… and the other usual keys. */
export function fromUrlQuery(url: ScannedUrl): Found | NotACard | undefined {
  const entries = url.query.map((q) => [decodeComponent(q.key, true) ?? '', q.value] as const);
  const rawCard = pick(entries, CARD_KEYS);
  if (rawCard === undefined) return undefined;
  const rawPin = pick(entries, PIN_KEYS);
  const card = decodeComponent(rawCard, true);
  const pin = rawPin === undefined ? undefined : decodeComponent(rawPin, true);
  if (card === undefined || (rawPin !== undefined && pin === undefined)) {
    return refuse('UNRECOGNISED', REASONS.undecodableLink);
  }
  return { card, pin, form: 'url', cardRaw: rawCard, ...(rawPin !== undefined ? { pinRaw: rawPin } : {}) };
}

/** The PIN half of a link, for Digital Links that carry one in the query. */
export function pinFromUrlQuery(url: ScannedUrl): { pin: string | undefined; pinRaw?: string } | NotACard {
  const entries = url.query.map((q) => [decodeComponent(q.key, true) ?? '', q.value] as const);
  const rawPin = pick(entries, PIN_KEYS);
  if (rawPin === undefined) return { pin: undefined };
  const pin = decodeComponent(rawPin, true);
  return pin === undefined ? refuse('UNRECOGNISED', REASONS.undecodableLink) : { pin, pinRaw: rawPin };
}

// One delimiter between a number (digits, maybe grouped with spaces or dashes, maybe letters for
// alphanumeric schemes) and a PIN. Disjoint character classes, so linear on any input; "has a
// digit" is checked apart, as a second quantifier here would make a failing match quadratic.
const DELIMITED = /^([0-9A-Za-z -]+)[;=|]([^;=|]+)$/;

export function fromDelimited(text: string): Found | undefined {
  const match = DELIMITED.exec(text);
  const card = match?.[1];
  if (card === undefined || !/[0-9]/.test(card)) return undefined;
  return { card, pin: match?.[2], form: 'delimited' };
}

/**
 * {"card": "…", "pin": "…"} (or cardNumber / number …). A number written as a JSON number is read
 * only when it is an integer JavaScript holds exactly (below 2^53) and its digits in the raw text
 * are the ones parsed: beyond that JSON.parse rounds silently and would turn one card into another.
 */
export function fromJson(text: string): Found | NotACard | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed as Record<string, unknown>);
  const cardKey = pick(
    entries.map(([k]) => [k, k] as const),
    CARD_KEYS,
  );
  if (cardKey === undefined) return refuse('UNRECOGNISED', REASONS.noCardInCode);
  const pinKey = pick(
    entries.map(([k]) => [k, k] as const),
    PIN_KEYS,
  );
  const card = jsonText(trimmed, cardKey, (parsed as Record<string, unknown>)[cardKey]);
  if (card === 'inexact') return refuse('UNRECOGNISED', REASONS.inexactJsonNumber);
  if (card === undefined) return refuse('UNRECOGNISED', REASONS.noCardInCode);
  let pin: string | undefined;
  if (pinKey !== undefined) {
    const p = jsonText(trimmed, pinKey, (parsed as Record<string, unknown>)[pinKey]);
    if (p === undefined || p === 'inexact') return refuse('UNRECOGNISED', REASONS.badPin);
    pin = p;
  }
  return { card, pin, form: 'json' };
}

function jsonText(raw: string, key: string, value: unknown): string | undefined | 'inexact' {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return undefined;
  if (!Number.isSafeInteger(value) || value < 0 || !/^[A-Za-z]+$/.test(key)) return 'inexact';
  // The last occurrence is the one JSON.parse kept; anything written differently (1e15, 12.0,
  // an escaped key) is refused rather than guessed at.
  let token: string | undefined;
  for (const m of raw.matchAll(new RegExp(`"${key}"\\s*:\\s*(-?[0-9][0-9.eE+-]*)`, 'g'))) token = m[1];
  return token === String(value) ? token : 'inexact';
}

/**
 * The operator's extractors (config cards.extractors), in order: the first whose regular
 * expression matches with a (?<card>…) group wins, with its (?<pin>…) when that took part.
 * These are user-written expressions run on untrusted input: JavaScript has no match timeout,
 * so one with catastrophic backtracking (e.g. (a+)+$) could stall the agent. The input is capped
 * at MAX_SCAN_BYTES before they run, which bounds but does not remove that risk; config review
 * is the real guard. An expression that does not compile is skipped.
 */
export function fromExtractors(
  text: string,
  extractors: ReadonlyArray<{ name: string; regex: string }>,
  maxLength: number,
): Found | undefined {
  const input = text.length > maxLength ? text.slice(0, maxLength) : text;
  for (const { regex } of extractors) {
    const re = compile(regex);
    const groups = re?.exec(input)?.groups;
    const card = groups?.['card'];
    if (card === undefined) continue;
    return { card, pin: groups?.['pin'], form: 'custom' };
  }
  return undefined;
}
