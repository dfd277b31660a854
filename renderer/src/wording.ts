// The tone and shape of what the agent answered: a card's status and the link's state, each drawn
// with a shape as well as a colour. The words a screen shows come from the message catalogue
// (i18n/); the English `text` here is what the catalogue's English says, for tests and tooling.
// Error words: error-words.ts. The Till screen's results: result-words.ts. The sale's: sale-words.ts.
import type { Card, LinkState } from '../../main/agent/contract';
import { formatLongDate } from './format';

export type Tone = 'good' | 'warning' | 'danger' | 'neutral';
/** Every state is drawn with a shape as well as a colour, so it never depends on colour alone. */
export type Shape = 'circle' | 'ring' | 'triangle' | 'cross';

export interface StatusWording {
  text: string;
  tone: Tone;
  shape: Shape;
  /** Whether the balance can be spent now; an unusable balance is drawn muted. */
  usable: boolean;
}

export function describeStatus(card: Pick<Card, 'status' | 'balanceMinor' | 'expiresOn'>): StatusWording {
  switch (card.status) {
    case 'ACTIVE':
      return card.balanceMinor > 0
        ? { text: 'Active — can be used', tone: 'good', shape: 'circle', usable: true }
        : { text: 'Nothing left on this card', tone: 'warning', shape: 'triangle', usable: false };
    case 'INACTIVE':
      return {
        text: 'Not activated — activate it with a top-up before use',
        tone: 'warning',
        shape: 'triangle',
        usable: false,
      };
    case 'BLOCKED':
      return {
        text: 'Blocked — do not accept; ask the customer to contact the card issuer',
        tone: 'danger',
        shape: 'cross',
        usable: false,
      };
    case 'EXPIRED':
      return {
        text: card.expiresOn ? `Expired on ${formatLongDate(card.expiresOn)}` : 'Expired',
        tone: 'danger',
        shape: 'cross',
        usable: false,
      };
  }
}

/** A second line for a card that works today but will stop: `Valid until 31 December 2026`. */
export function expiryNote(card: Pick<Card, 'status' | 'expiresOn'>): string | undefined {
  if (card.status === 'EXPIRED' || !card.expiresOn) return undefined;
  return `Valid until ${formatLongDate(card.expiresOn)}`;
}

export interface LinkWording {
  text: string;
  tone: Tone;
  shape: Shape;
}

export const linkWording: Record<LinkState, LinkWording> = {
  ONLINE: { text: 'Online', tone: 'good', shape: 'circle' },
  OFFLINE: { text: 'Offline', tone: 'danger', shape: 'cross' },
  KEY_DISABLED: { text: 'Key switched off', tone: 'warning', shape: 'triangle' },
  FACTOR4_DOWN: { text: 'Factor4 down', tone: 'warning', shape: 'triangle' },
};

/** Centegra Plus is up but asked the till to slow down (429): not "Online" while it lasts. */
export const linkBusy: LinkWording = { text: 'Busy — slow down', tone: 'warning', shape: 'triangle' };

/** Before the first health answer, and when it could not be read. */
export const linkConnecting: LinkWording = { text: 'Connecting…', tone: 'neutral', shape: 'ring' };
export const linkUnknown: LinkWording = { text: 'Status unknown', tone: 'neutral', shape: 'ring' };
