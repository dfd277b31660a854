// The screens' words in English (en-GB), the catalogue every other language is checked against:
// ICU MessageFormat, read by react-intl. An id names where the words are shown; a figure (money,
// a card ending, a time) is a value, formatted for the language by Intl, never part of the words.
// One file per area (messages/<area>.en-GB.ts), so each screen's words are read and reviewed together.
import { common } from './messages/common.en-GB';
import { errors } from './messages/errors.en-GB';
import { manager } from './messages/manager.en-GB';
import { money } from './messages/money.en-GB';
import { scanners } from './messages/scanners.en-GB';
import { settings } from './messages/settings.en-GB';
import { till } from './messages/till.en-GB';

export const enGB = {
  ...common,
  ...till,
  ...errors,
  ...scanners,
  ...settings,
  ...manager,
  ...money,
} as const;

export type MessageId = keyof typeof enGB;
