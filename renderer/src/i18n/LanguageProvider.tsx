// The screens' language: the cashier's choice for this session, else the till's config
// (`ui.language`, from health), else English. Keeps <html lang> in step and gives react-intl
// the catalogue; the POS API's own words stay English whatever is chosen here. A language whose
// catalogue is still being fetched (Welsh, chosen after start) shows once it is at hand; until
// then the screens stay in English, the language they were in.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import type { MessageId } from './en-GB';
import {
  formatLocale,
  hasMessages,
  htmlLang,
  isScreenLanguage,
  LANGUAGE_KEY,
  catalogueFor,
  loadMessages,
  type Language,
  type ScreenLanguage,
} from './languages';

declare global {
  // react-intl checks every message id against the catalogue at compile time.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}

interface LanguageChoice {
  language: ScreenLanguage;
  /** The cashier switched: kept for the session, over the till's config. */
  choose(language: Language): void;
  /** The till's config said: used unless the cashier chose this session. */
  configured(language: Language | undefined): void;
}

const LanguageContext = createContext<LanguageChoice>({
  language: 'en-GB',
  choose: () => {},
  configured: () => {},
});

/** The cashier's choice for this window's session, if any (read before the screens are drawn). */
export function storedLanguage(): ScreenLanguage | undefined {
  try {
    const stored = window.sessionStorage.getItem(LANGUAGE_KEY);
    return isScreenLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

interface LanguageProviderProps {
  /** What the till's config said before the screens were first drawn, if health answered by then. */
  configuredAtStart?: Language;
  children: ReactNode;
}

export function LanguageProvider({ configuredAtStart, children }: LanguageProviderProps) {
  const [chosen, setChosen] = useState<ScreenLanguage | undefined>(storedLanguage);
  const [fromConfig, setFromConfig] = useState<Language | undefined>(configuredAtStart);
  const wanted: ScreenLanguage = chosen ?? fromConfig ?? 'en-GB';
  const [, setFetched] = useState(0);
  const ready = hasMessages(wanted);
  const language: ScreenLanguage = ready ? wanted : 'en-GB';

  useEffect(() => {
    if (ready) return;
    let current = true;
    // Drawn again once fetched; a catalogue that cannot be fetched leaves the screens in English.
    loadMessages(wanted).then(
      () => {
        if (current) setFetched((n) => n + 1);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [wanted, ready]);

  const choose = useCallback((next: Language): void => {
    setChosen(next);
    try {
      window.sessionStorage.setItem(LANGUAGE_KEY, next);
    } catch {
      // Without storage the choice lasts until the window is reloaded.
    }
  }, []);
  const configured = useCallback((next: Language | undefined): void => setFromConfig(next), []);

  useEffect(() => {
    document.documentElement.lang = htmlLang(language);
  }, [language]);

  const value = useMemo(() => ({ language, choose, configured }), [language, choose, configured]);
  const messages = useMemo(() => catalogueFor(language), [language]);
  return (
    <LanguageContext.Provider value={value}>
      <IntlProvider locale={formatLocale(language)} defaultLocale="en-GB" messages={messages}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageChoice {
  return useContext(LanguageContext);
}
