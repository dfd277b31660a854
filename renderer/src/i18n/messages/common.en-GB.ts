// Words several screens share, in English: how long ago something happened, as a manager says it.
export const common = {
  'age.underMinute': 'less than a minute',
  'age.minutes': '{minutes} min',
  'age.hours': '{hours} h',
  'age.hoursMinutes': '{hours} h {minutes} min',
  'age.days': '{days, plural, one {# day} other {# days}}',
} as const;
