// Words several screens share, in Welsh: how long ago something happened, as a manager says it.
import type { common as english } from './common.en-GB';

export const common: Record<keyof typeof english, string> = {
  'age.underMinute': 'llai na munud',
  'age.minutes': '{minutes} mun',
  'age.hours': '{hours} awr',
  'age.hoursMinutes': '{hours} awr {minutes} mun',
  'age.days':
    '{days, plural, zero {# diwrnod} one {# diwrnod} two {# ddiwrnod} few {# diwrnod} many {# diwrnod} other {# diwrnod}}',
};
