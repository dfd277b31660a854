// Card numbers: tidy what a cashier keyed, check it against the till's card scheme, and mask it
// for everything outside the core (UI, POS, logs see only the last four digits).

export interface CardScheme {
  /** Regular expression a whole card number must match (config `cards.pattern`). */
  pattern: string;
  /** Also require a valid Luhn check digit (config `cards.luhn`). */
  luhn: boolean;
}

export function luhnValid(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Spaces and dashes a cashier types to group digits carry no meaning. */
export function normaliseKeyedCardNumber(keyed: string): string {
  return keyed.replace(/[\s-]+/g, '');
}

export type CardNumberProblem = 'EMPTY' | 'PATTERN' | 'LUHN';

export function checkCardNumber(cardNumber: string, scheme: CardScheme): CardNumberProblem | null {
  if (cardNumber.length === 0) return 'EMPTY';
  if (!new RegExp(scheme.pattern).test(cardNumber)) return 'PATTERN';
  if (scheme.luhn && !luhnValid(cardNumber)) return 'LUHN';
  return null;
}

/** `•••••••••••8515`: the same length as the number, only the last four shown. */
export function maskCardNumber(cardNumber: string): string {
  const visible = cardNumber.length > 4 ? 4 : Math.max(0, cardNumber.length - 2);
  return '•'.repeat(cardNumber.length - visible) + cardNumber.slice(cardNumber.length - visible);
}
