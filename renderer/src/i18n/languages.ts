// Which catalogue the screens read, and the pseudo-locale the tests use: every English message
// wrapped in ⟦…⟧, so a test can find any visible words that did not come from the catalogue.
// English is always at hand; Welsh is its own chunk, fetched only by a screen that shows Welsh.
import { enGB, type MessageId } from './en-GB';

/** Where the cashier's choice is kept: for this window's session only (a restart reads config again). */
export const LANGUAGE_KEY = 'till-agent.language';

/** The languages a till can be set to (config `ui.language`). */
export type Language = 'en-GB' | 'cy-GB';
/** Tests only: English with every message marked, chosen through the session's stored choice. */
export const PSEUDO = 'en-XA';
export type ScreenLanguage = Language | typeof PSEUDO;

export type Messages = Record<MessageId, string>;

/** Marks a whole message; ICU arguments and tags inside it still work, so figures stay unmarked. */
export function pseudoMessages(source: Messages): Messages {
  const marked = {} as Messages;
  for (const id of Object.keys(source) as MessageId[]) marked[id] = `⟦${source[id]}⟧`;
  return marked;
}

/** Catalogues fetched so far (English is part of the screens' own script). */
const fetched: Partial<Record<Language, Messages>> = { 'en-GB': enGB };

/** Whether a language's words are at hand, so the screens can be drawn in it now. */
export function hasMessages(language: ScreenLanguage): boolean {
  return language === PSEUDO || fetched[language] !== undefined;
}

/** Fetches a language's catalogue if it is not at hand yet (Welsh is a chunk of its own). */
export async function loadMessages(language: ScreenLanguage): Promise<void> {
  if (hasMessages(language)) return;
  fetched['cy-GB'] = (await import('./cy-GB')).cyGB;
}

/** A language's words: English for one not fetched yet (the screens wait for it before switching). */
export function messagesFor(language: ScreenLanguage): Messages {
  if (language === PSEUDO) return pseudoMessages(enGB);
  return fetched[language] ?? enGB;
}

/** The locale Intl formats money and dates in: the pseudo-locale reads figures as English does. */
export function formatLocale(language: ScreenLanguage): Language {
  return language === PSEUDO ? 'en-GB' : language;
}

/** The `lang` of the page (`en-GB` or `cy-GB`), so screen readers and axe know the language. */
export function htmlLang(language: ScreenLanguage): string {
  return formatLocale(language);
}

export function isScreenLanguage(value: unknown): value is ScreenLanguage {
  return value === 'en-GB' || value === 'cy-GB' || value === PSEUDO;
}

/** The language the switch on the Till screen moves to. */
export function otherLanguage(language: ScreenLanguage): Language {
  return language === 'cy-GB' ? 'en-GB' : 'cy-GB';
}
