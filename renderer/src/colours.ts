// The cashier screen's colours, once, with the WCAG contrast arithmetic that proves them readable.
// styles.css declares the same values as custom properties; a unit test keeps the two in step.

export const palette = {
  page: '#eef1f5',
  surface: '#ffffff',
  text: '#16191d',
  textMuted: '#4b5563',
  border: '#6b7280',
  divider: '#d5dae1',
  focus: '#b4420c',
  primary: '#0a58a8',
  primaryPressed: '#084583',
  primaryBusy: '#3d5f86',
  primaryText: '#ffffff',
  header: '#0f2540',
  headerText: '#ffffff',
  headerMuted: '#c9d6e8',
  good: '#176b34',
  goodBg: '#e3f3e8',
  warning: '#7a4a00',
  warningBg: '#fff3d1',
  danger: '#a3141a',
  dangerBg: '#fdeaea',
  dangerBorder: '#c62828',
  neutral: '#374151',
  neutralBg: '#e5e7eb',
  badge: '#0a58a8',
  badgeBg: '#e0ecfa',
  demo: '#16191d',
  demoBg: '#ffcf33',
  saleBg: '#edf3fa',
} as const;

export type ColourName = keyof typeof palette;

/** A foreground drawn on a background somewhere on the screen, and what WCAG asks of it. */
export interface ColourPair {
  fg: ColourName;
  bg: ColourName;
  /** 'text' needs 4.5:1; 'large' text (≥ 24px, or ≥ 18.66px bold) and 'ui' parts (borders, shapes, focus rings) need 3:1. */
  kind: 'text' | 'large' | 'ui';
  where: string;
}

export const pairsInUse: readonly ColourPair[] = [
  { fg: 'text', bg: 'surface', kind: 'text', where: 'body text, inputs, balance' },
  {
    fg: 'text',
    bg: 'page',
    kind: 'text',
    where:
      'not-connected screen, config entries and empty states, a revealed POS API token, the way to Diagnostics',
  },
  {
    fg: 'textMuted',
    bg: 'surface',
    kind: 'text',
    where: 'labels, hints, placeholders, footer, checked time, the Diagnostics and Support bundle intros',
  },
  {
    fg: 'textMuted',
    bg: 'page',
    kind: 'text',
    where: 'hints on the page background, a PIN field while locked out',
  },
  {
    fg: 'primaryText',
    bg: 'primary',
    kind: 'text',
    where: 'Check balance, Apply to sale, Close sale, Top up buttons',
  },
  { fg: 'primaryText', bg: 'primaryPressed', kind: 'text', where: 'button while pressed or hovered' },
  { fg: 'primaryText', bg: 'primaryBusy', kind: 'text', where: 'a button while its answer is awaited' },
  { fg: 'headerText', bg: 'header', kind: 'text', where: 'header title' },
  { fg: 'headerMuted', bg: 'header', kind: 'text', where: 'header till label, the tab not shown' },
  {
    fg: 'good',
    bg: 'goodBg',
    kind: 'text',
    where:
      'Online pill, Active status, Connected, a gift card code, Delivered to Factor4, a card applied, a check passed, All checks passed, the secret store badge, a secret saved, a bundle saved',
  },
  {
    fg: 'warning',
    bg: 'warningBg',
    kind: 'text',
    where:
      'warning pill, status and link detail, why a code is not a gift card, Queued, sales waiting, What to do on a waiting sale, the offline note on a sale, Needs fixing and Also to fix',
  },
  {
    fg: 'danger',
    bg: 'dangerBg',
    kind: 'text',
    where:
      'Offline pill, error heading, blocked status, Not connected, Refused by Factor4, a check failed, N checks failed, What to do on a failed check',
  },
  { fg: 'text', bg: 'dangerBg', kind: 'text', where: 'error message, the fix for a failed check' },
  {
    fg: 'danger',
    bg: 'surface',
    kind: 'text',
    where: 'not-connected heading, an amount the top-up cannot read',
  },
  {
    fg: 'primary',
    bg: 'surface',
    kind: 'text',
    where: 'secondary buttons: Try again, Check balance beside Apply, Remove, Top up',
  },
  {
    fg: 'text',
    bg: 'warningBg',
    kind: 'text',
    where: 'warning detail text, settings warnings, a secret the machine-wide file overrides',
  },
  {
    fg: 'neutral',
    bg: 'neutralBg',
    kind: 'text',
    where: 'Connecting pill, a card removed, a cancelled sale, Checking…, the default and simulator badges',
  },
  { fg: 'badge', bg: 'badgeBg', kind: 'text', where: 'Scanned badge, the file and command line badges' },
  { fg: 'demo', bg: 'demoBg', kind: 'text', where: 'DEMO banner' },
  {
    fg: 'border',
    bg: 'surface',
    kind: 'ui',
    where: 'input borders, dashed edge of Looking up…, a secondary button while waiting',
  },
  { fg: 'focus', bg: 'surface', kind: 'ui', where: 'focus ring' },
  { fg: 'focus', bg: 'page', kind: 'ui', where: 'focus ring on the page background' },
  { fg: 'dangerBorder', bg: 'surface', kind: 'ui', where: 'error box border, the edge of a failed check' },
  { fg: 'focus', bg: 'warningBg', kind: 'ui', where: 'focus ring around Try again' },
  { fg: 'headerText', bg: 'header', kind: 'ui', where: 'focus ring on a header tab' },
  { fg: 'demoBg', bg: 'header', kind: 'text', where: 'scanners-need-attention flag on a header tab' },
  {
    fg: 'warning',
    bg: 'surface',
    kind: 'text',
    where:
      'scanners-need-attention flag on the current tab, a gift card taken offline, a top-up waiting for a manager',
  },
  { fg: 'badge', bg: 'surface', kind: 'large', where: 'Looking up… (20px bold)' },
  { fg: 'good', bg: 'surface', kind: 'ui', where: 'result edge of a usable card' },
  { fg: 'warning', bg: 'surface', kind: 'ui', where: 'result edge of a card with a warning' },
  { fg: 'text', bg: 'saleBg', kind: 'text', where: 'the sale: amount still to pay, gift card total' },
  {
    fg: 'textMuted',
    bg: 'saleBg',
    kind: 'text',
    where: 'the sale: Total, Still to pay, no sale in progress',
  },
  { fg: 'primary', bg: 'saleBg', kind: 'ui', where: 'edge of Start a practice sale on the sale' },
  { fg: 'focus', bg: 'saleBg', kind: 'ui', where: 'focus ring on the sale' },
  {
    fg: 'primary',
    bg: 'badgeBg',
    kind: 'text',
    where: 'a secondary button while hovered, a filter chip hovered',
  },
  { fg: 'primaryText', bg: 'danger', kind: 'text', where: 'the storage banner across every screen' },
  { fg: 'focus', bg: 'dangerBg', kind: 'ui', where: 'focus ring on Acknowledge in the damaged-database box' },
  { fg: 'primary', bg: 'dangerBg', kind: 'ui', where: 'edge of a secondary button inside an alert box' },
  { fg: 'primary', bg: 'page', kind: 'ui', where: 'edge of the Diagnostics button on the Scanners panel' },
  { fg: 'primary', bg: 'surface', kind: 'ui', where: 'edge of the revealed POS API token box' },
  { fg: 'good', bg: 'surface', kind: 'text', where: 'a gift card held on the card for the sale' },
];

export const minimumRatio: Record<ColourPair['kind'], number> = { text: 4.5, large: 3, ui: 3 };

/** Relative luminance of an sRGB colour written #rrggbb or #rgb (WCAG 2.x definition). */
export function luminance(hex: string): number {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join('') : match[1];
  const channel = (offset: number): number => {
    const c = parseInt(digits.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** WCAG contrast ratio between two colours: 1 (none) to 21 (black on white). Order does not matter. */
export function contrastRatio(hexA: string, hexB: string): number {
  const a = luminance(hexA);
  const b = luminance(hexB);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
