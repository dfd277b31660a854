// Retail product codes (EAN-13, UPC-A, EAN-8, UPC-E): recognised so a cashier who scans the
// product barcode on a gift card's packaging is told to scan the card's own barcode instead.

const DIGITS = /^[0-9]+$/;

/** The GS1 mod-10 check digit shared by GTIN-8/12/13/14: weights 3,1,3,… from the right. */
export function gtinCheckDigitValid(digits: string): boolean {
  if (digits.length < 2 || !DIGITS.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (digits.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(digits.length - 1) - 48;
}

/** UPC-E (number system, six digits, check) written out as the UPC-A it stands for. */
export function expandUpcE(upcE: string): string | undefined {
  if (!/^[01][0-9]{7}$/.test(upcE)) return undefined;
  const ns = upcE.slice(0, 1);
  const d = upcE.slice(1, 7);
  const check = upcE.slice(7);
  const last = d.slice(5);
  let body: string;
  if (last <= '2') body = d.slice(0, 2) + last + '0000' + d.slice(2, 5);
  else if (last === '3') body = d.slice(0, 3) + '00000' + d.slice(3, 5);
  else if (last === '4') body = d.slice(0, 4) + '00000' + d.slice(4, 5);
  else body = d.slice(0, 5) + '0000' + last;
  return ns + body + check;
}

const RETAIL = new Set(['EAN13', 'UPCA', 'UPCE', 'EAN8', 'EAN_ADDON']);

export function isRetailSymbology(symbology: string | undefined): boolean {
  return symbology !== undefined && RETAIL.has(symbology);
}

/** 8, 12 or 13 digits with a valid check digit: could be EAN-8, UPC-A or EAN-13. */
export function looksLikeGtin(text: string): boolean {
  return (text.length === 8 || text.length === 12 || text.length === 13) && gtinCheckDigitValid(text);
}

/**
 * Whether a code a scanner reported as UPC/EAN is the product code it claims to be: a valid
 * EAN-13/UPC-A/EAN-8, a UPC-E, a code with its 2- or 5-digit add-on (]E3: the code's digits then
 * the add-on's), or an add-on alone.
 */
export function isRetailProductCode(text: string, symbology: string | undefined): boolean {
  if (!isRetailSymbology(symbology) || !DIGITS.test(text)) return false;
  if (symbology === 'EAN_ADDON') return text.length === 2 || text.length === 5;
  if (symbology === 'UPCE') {
    const upcA = expandUpcE(text);
    return upcA !== undefined && gtinCheckDigitValid(upcA);
  }
  if (looksLikeGtin(text)) return true;
  for (const base of [13, 12, 8]) {
    const addOn = text.length - base;
    if ((addOn === 2 || addOn === 5) && gtinCheckDigitValid(text.slice(0, base))) return true;
  }
  return false;
}
