// Which catalogue the screens read, and the pseudo-locale the tests use: every English message
// wrapped in ⟦…⟧, so a test can find any visible words that did not come from the catalogue.
// English is always at hand; Welsh is its own chunk, fetched only by a screen that shows Welsh.
// The build compiles each message to react-intl's AST (vite.config.ts); tests in Node read the
// catalogues as written, so what reads a message here takes either form.
import { isLiteralElement, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { enGB, type MessageId } from './en-GB';

/** Where the cashier's choice is kept: for this window's session only (a restart reads config again). */
export const LANGUAGE_KEY = 'till-agent.language';

/** The languages a till can be set to (config `ui.language`). */
export type Language = 'en-GB' | 'cy-GB';
/** Tests only: English with every message marked, chosen through the session's stored choice. */
export const PSEUDO = 'en-XA';
export type ScreenLanguage = Language | typeof PSEUDO;

/** A catalogue as written: ICU MessageFormat strings. */
export type Messages = Record<MessageId, string>;
/** One message as written, or as the build compiled it. */
export type Message = string | MessageFormatElement[];
/** A catalogue as the screens get it: compiled to react-intl's AST in the build, as written in tests. */
export type Catalogue = Messages | Record<MessageId, MessageFormatElement[]>;

/** Marks a whole message; ICU arguments and tags inside it still work, so figures stay unmarked. */
export function pseudoMessages<C extends Catalogue>(source: C): C {
  const marked: Record<string, Message> = {};
  for (const id of Object.keys(source) as MessageId[]) marked[id] = marks(source[id]);
  return marked as C;
}

function marks(message: Message): Message {
  if (typeof message === 'string') return `⟦${message}⟧`;
  // As the parser would read the marked string: the marks join the literal text beside them.
  const marked = [...message];
  const first = marked[0];
  if (first && isLiteralElement(first)) marked[0] = { ...first, value: `⟦${first.value}` };
  else marked.unshift({ type: TYPE.literal, value: '⟦' });
  const last = marked[marked.length - 1];
  if (last && isLiteralElement(last)) marked[marked.length - 1] = { ...last, value: `${last.value}⟧` };
  else marked.push({ type: TYPE.literal, value: '⟧' });
  return marked;
}

/** A message's own words, without its arguments: for code that picks messages by what they say. */
export function messageWords(message: Message): string {
  if (typeof message === 'string') return message;
  return message.map((part) => (isLiteralElement(part) ? part.value : '')).join('');
}

/** Catalogues fetched so far (English is part of the screens' own script). */
const fetched: Partial<Record<Language, Catalogue>> = { 'en-GB': enGB };

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
export function catalogueFor(language: ScreenLanguage): Catalogue {
  if (language === PSEUDO) return pseudoMessages<Catalogue>(enGB);
  return fetched[language] ?? enGB;
}

/** The same words as written, for code that reads the catalogues' sources (tests, in Node). */
export function messagesFor(language: ScreenLanguage): Messages {
  return catalogueFor(language) as Messages;
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
