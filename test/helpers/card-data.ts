// Every form the scan decoder accepts a gift card in, each with its own number and PIN, and how to
// look for that number and PIN in anything the till writes: plain, grouped with spaces or dashes,
// its last 8 digits, as text and as hex (run together or byte by byte, as the Scanners panel
// writes it). Shared by the unit tests of trace masking and the agent-wide search of every output.

/** Card scheme the forms are valid under: digits, or letters for an alphanumeric scheme; an extractor. */
export const CARD_DATA_SCHEME = {
  pattern: '^[0-9A-Z]{15,19}$',
  luhn: false,
  extractors: [{ name: 'shop', regex: '^GC:(?<card>[0-9A-Z]+)/(?<pin>[0-9]{4,8})$' }],
};

export interface CardForm {
  name: string;
  /** As typed or scanned (keyboard wedge: no suffix). */
  text: string;
  /** The number the decoder must read, normalised. */
  card: string;
  pin?: string;
  form: string;
}

const GS = '\u001d';
const GTIN = '09506000134352';
const spaced = (n: string) => n.match(/.{1,4}/g)!.join(' ');
const dashed = (n: string) => n.match(/.{1,4}/g)!.join('-');

/** A number and PIN of its own for row i: a leak names the row it came from. */
export function cardFor(i: number, length = 19): string {
  return `6280${1000 + i}${7_123_456_789_013 + i * 7_919_111}`.slice(0, length);
}
export const pinFor = (i: number) => `48${String(2900 + i).padStart(4, '0')}`;

/** The table: [name, build(card, pin)] and whether the form carries a PIN. */
const FORMS: Array<{
  name: string;
  form: string;
  pin: boolean;
  length?: number;
  make(c: string, p: string): string;
}> = [
  { name: 'spaced number;PIN (issue 15)', form: 'delimited', pin: true, make: (c, p) => `${spaced(c)};${p}` },
  { name: 'dashed number;PIN (issue 15)', form: 'delimited', pin: true, make: (c, p) => `${dashed(c)};${p}` },
  {
    name: 'link ?card=&pin= (issue 15)',
    form: 'url',
    pin: true,
    make: (c, p) => `https://gift.example/r?card=${c}&pin=${p}`,
  },
  { name: 'bare number', form: 'bare', pin: false, make: (c) => c },
  { name: 'bare number, spaced', form: 'bare', pin: false, make: (c) => spaced(c) },
  { name: 'number=PIN', form: 'delimited', pin: true, make: (c, p) => `${c}=${p}` },
  { name: 'number|PIN', form: 'delimited', pin: true, make: (c, p) => `${dashed(c)}|${p}` },
  { name: 'AIM ]C0 Code 128', form: 'bare', pin: false, make: (c) => `]C0${c}` },
  { name: 'AIM ]Q1 QR number;PIN', form: 'delimited', pin: true, make: (c, p) => `]Q1${spaced(c)};${p}` },
  { name: 'AIM ]Q2 QR with an ECI designator', form: 'bare', pin: false, make: (c) => `]Q2\\000026${c}` },
  {
    name: 'link, percent-encoded and "+"-spaced, key p',
    form: 'url',
    pin: true,
    make: (c, p) =>
      `HTTPS://X.EXAMPLE/?ref=7&cardNumber=${c.slice(0, 4)}+${c.slice(4, 8)}%2D${c.slice(8)}&p=${p}`,
  },
  {
    name: 'link naming the card twice, spelled differently',
    form: 'url',
    pin: true,
    make: (c, p) => `https://x.example/?card=${c}&c=${dashed(c)}&pin=${p}`,
  },
  {
    name: 'JSON, spaced number and PIN',
    form: 'json',
    pin: true,
    make: (c, p) => `{"card":"${spaced(c)}","pin":"${p}"}`,
  },
  {
    name: 'JSON numbers',
    form: 'json',
    pin: true,
    length: 16,
    make: (c, p) => `{"cardNumber":${c},"pin":${p}}`,
  },
  {
    name: 'JSON with an escaped digit',
    form: 'json',
    pin: true,
    make: (c, p) => `{"card":"${c[0]}\\u00${c.charCodeAt(1).toString(16)}${c.slice(2)}","pin":"${p}"}`,
  },
  { name: 'GS1-128 ]C1 AI 8004', form: 'gs1', pin: false, make: (c) => `]C18004${c}` },
  {
    name: 'GS1 DataMatrix ]d2, 01 + 21 + 8004',
    form: 'gs1',
    pin: false,
    make: (c) => `]d201${GTIN}21ABC${GS}8004${c}`,
  },
  {
    name: 'GS1 QR ]Q3 AI 8003 GRAI serial',
    form: 'gs1',
    pin: false,
    length: 16,
    make: (c) => `]Q38003${GTIN}${c}`,
  },
  { name: 'GS1 without identifier, GS-led', form: 'gs1', pin: false, make: (c) => `${GS}8004${c}${GS}10X1` },
  {
    name: 'GS1 Digital Link, card in the path',
    form: 'digital-link',
    pin: false,
    make: (c) => `https://id.example.com/8004/${c}`,
  },
  {
    name: 'GS1 Digital Link, card in the query with a PIN',
    form: 'digital-link',
    pin: true,
    make: (c, p) => `https://d.example/01/${GTIN}/21/abc?8004=${c}&pin=${p}`,
  },
  { name: 'config extractor GC:<card>/<pin>', form: 'custom', pin: true, make: (c, p) => `GC:${c}/${p}` },
];

const ALNUM = 'GIFTAB12CD34EF56X';

export const CARD_FORMS: CardForm[] = [
  ...FORMS.map((f, i) => {
    const card = cardFor(i, f.length);
    const pin = pinFor(i);
    return { name: f.name, text: f.make(card, pin), card, form: f.form, ...(f.pin ? { pin } : {}) };
  }),
  { name: 'alphanumeric by cards.pattern', text: ALNUM, card: ALNUM, form: 'bare' },
  {
    name: 'alphanumeric, dashed, with a PIN',
    text: `${dashed('GIFTZZ98YY76XX54W')};${pinFor(99)}`,
    card: 'GIFTZZ98YY76XX54W',
    pin: pinFor(99),
    form: 'delimited',
  },
];

const hexOf = (s: string, sep: string) =>
  Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join(sep);

/** Every spelling of the number and the PIN that must not appear, as text and as hex. */
export function spellings(card: string, pin?: string): string[] {
  const texts = [card, spaced(card), dashed(card), card.slice(-8), ...(pin ? [pin] : [])];
  return texts.flatMap((t) => [t, hexOf(t, ''), hexOf(t, ' ')]);
}

/** The spellings of this row's number or PIN found in `output`. */
export function leaksIn(output: string, row: Pick<CardForm, 'card' | 'pin'>): string[] {
  return spellings(row.card, row.pin).filter((s) => output.includes(s));
}
