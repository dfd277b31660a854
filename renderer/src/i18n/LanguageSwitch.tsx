// On the Till screen: one button, named in the language it switches to ("Cymraeg" / "English"),
// so a cashier who reads only that language can find it. Usable by keyboard and touch.
import { FormattedMessage } from 'react-intl';
import { htmlLang, otherLanguage } from './languages';
import { useLanguage } from './LanguageProvider';

export function LanguageSwitch() {
  const { language, choose } = useLanguage();
  const next = otherLanguage(language);
  return (
    <button
      type="button"
      className="secondary language-switch"
      lang={htmlLang(next)}
      data-testid="language-switch"
      onClick={() => choose(next)}
    >
      <FormattedMessage id="language.switch" />
    </button>
  );
}
