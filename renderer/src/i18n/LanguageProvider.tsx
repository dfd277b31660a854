// The screens' language: the cashier's choice for this session, else the till's config
// (`ui.language`, from health), else English. Keeps <html lang> in step and gives react-intl
// the catalogue; the POS API's own words stay English whatever is chosen here.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import type { MessageId } from './en-GB';
import {
  formatLocale,
  htmlLang,
  isScreenLanguage,
  LANGUAGE_KEY,
  messagesFor,
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

function storedChoice(): ScreenLanguage | undefined {
  try {
    const stored = window.sessionStorage.getItem(LANGUAGE_KEY);
    return isScreenLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [chosen, setChosen] = useState<ScreenLanguage | undefined>(storedChoice);
  const [fromConfig, setFromConfig] = useState<Language | undefined>(undefined);
  const language: ScreenLanguage = chosen ?? fromConfig ?? 'en-GB';

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
  return (
    <LanguageContext.Provider value={value}>
      <IntlProvider locale={formatLocale(language)} defaultLocale="en-GB" messages={messagesFor(language)}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageChoice {
  return useContext(LanguageContext);
}
