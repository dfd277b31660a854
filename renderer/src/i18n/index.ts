// The screens' words: one catalogue per language (en-GB, cy-GB), read through react-intl.
export type { MessageId } from './en-GB';
export { enGB } from './en-GB';
export { cyGB } from './cy-GB';
export { LanguageProvider, useLanguage } from './LanguageProvider';
export { LanguageSwitch } from './LanguageSwitch';
export {
  formatLocale,
  LANGUAGE_KEY,
  htmlLang,
  messagesFor,
  otherLanguage,
  PSEUDO,
  pseudoMessages,
} from './languages';
export type { Language, ScreenLanguage } from './languages';
export { intlFor } from './words';
export type { Words } from './words';
