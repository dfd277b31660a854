// The screens' words: one catalogue per language (en-GB, cy-GB), read through react-intl. The
// Welsh catalogue and intlFor (which holds it) are not exported here: the screens import this
// file, and Welsh is fetched only when shown (languages.ts); tests take them from their own files.
export type { MessageId } from './en-GB';
export { enGB } from './en-GB';
export { LanguageProvider, storedLanguage, useLanguage } from './LanguageProvider';
export { LanguageSwitch } from './LanguageSwitch';
export {
  formatLocale,
  LANGUAGE_KEY,
  hasMessages,
  htmlLang,
  loadMessages,
  messagesFor,
  otherLanguage,
  PSEUDO,
  pseudoMessages,
} from './languages';
export type { Language, ScreenLanguage } from './languages';
export type { Words } from './words';
