// What code outside a component needs to put a message into words. A component passes
// react-intl's `useIntl()`; a test, or a caller without React, passes `intlFor(language)`, which
// reads the same catalogue through intl-messageformat (react-intl's own formatter).
// intlFor has every catalogue at hand (Welsh too), so the screens' own code never calls it: they
// would carry the Welsh catalogue in their first script; they take `Words` from their caller.
import { IntlMessageFormat } from 'intl-messageformat';
import { cyGB } from './cy-GB';
import type { MessageId } from './en-GB';
import { formatLocale, messagesFor, type ScreenLanguage } from './languages';

type Value = string | number | boolean | Date | null | undefined;

/** The part of react-intl a wording function uses: `useIntl()` is one, `intlFor()` another. */
export interface Words {
  readonly locale: string;
  formatMessage(descriptor: { id: MessageId }, values?: Record<string, Value>): string;
}

const made = new Map<ScreenLanguage, Words>();

/** The catalogue for a language outside React (tests, and code that is not part of the screens). */
export function intlFor(language: ScreenLanguage = 'en-GB'): Words {
  let words = made.get(language);
  if (!words) {
    const locale = formatLocale(language);
    const messages = language === 'cy-GB' ? cyGB : messagesFor(language);
    const formats = new Map<MessageId, IntlMessageFormat>();
    words = {
      locale,
      formatMessage({ id }, values) {
        let format = formats.get(id);
        if (!format) {
          format = new IntlMessageFormat(messages[id], locale);
          formats.set(id, format);
        }
        return String(format.format(values));
      },
    };
    made.set(language, words);
  }
  return words;
}
