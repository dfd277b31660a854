// The tone, shape and catalogue message of what the agent answered: a card's status and the link's
// state, each drawn with a shape as well as a colour, its words from the message catalogue (i18n/).
// Error words: error-words.ts. The Till screen's results: result-words.ts. The sale's: sale-words.ts.
import type { Card, LinkState } from '../../main/agent/contract';
import type { MessageId } from './i18n/en-GB';

export type Tone = 'good' | 'warning' | 'danger' | 'neutral';
/** Every state is drawn with a shape as well as a colour, so it never depends on colour alone. */
export type Shape = 'circle' | 'ring' | 'triangle' | 'cross';

export interface StatusWording {
  /** The catalogue's words for the status (`{date}`: the expiry date, where it says one). */
  message: MessageId;
  tone: Tone;
  shape: Shape;
  /** Whether the balance can be spent now; an unusable balance is drawn muted. */
  usable: boolean;
}

export function describeStatus(card: Pick<Card, 'status' | 'balanceMinor' | 'expiresOn'>): StatusWording {
  switch (card.status) {
    case 'ACTIVE':
      return card.balanceMinor > 0
        ? { message: 'card.status.active', tone: 'good', shape: 'circle', usable: true }
        : { message: 'card.status.empty', tone: 'warning', shape: 'triangle', usable: false };
    case 'INACTIVE':
      return { message: 'card.status.inactive', tone: 'warning', shape: 'triangle', usable: false };
    case 'BLOCKED':
      return { message: 'card.status.blocked', tone: 'danger', shape: 'cross', usable: false };
    case 'EXPIRED':
      return {
        message: card.expiresOn ? 'card.status.expiredOn' : 'card.status.expired',
        tone: 'danger',
        shape: 'cross',
        usable: false,
      };
  }
}

/** Whether a card that works today shows the day it stops (`Valid until 31 December 2026`). */
export function showsExpiry(card: Pick<Card, 'status' | 'expiresOn'>): boolean {
  return card.status !== 'EXPIRED' && card.expiresOn !== undefined && card.expiresOn !== '';
}

export interface LinkWording {
  /** The link's name in the header. */
  message: MessageId;
  /** What it means for the cashier, while it is not plainly online. */
  detail?: MessageId;
  tone: Tone;
  shape: Shape;
}

export const linkWording: Record<LinkState, LinkWording> = {
  ONLINE: { message: 'link.ONLINE', tone: 'good', shape: 'circle' },
  OFFLINE: { message: 'link.OFFLINE', detail: 'linkDetail.OFFLINE', tone: 'danger', shape: 'cross' },
  KEY_DISABLED: {
    message: 'link.KEY_DISABLED',
    detail: 'linkDetail.KEY_DISABLED',
    tone: 'warning',
    shape: 'triangle',
  },
  FACTOR4_DOWN: {
    message: 'link.FACTOR4_DOWN',
    detail: 'linkDetail.FACTOR4_DOWN',
    tone: 'warning',
    shape: 'triangle',
  },
};

/** Centegra Plus is up but asked the till to slow down (429): not "Online" while it lasts. */
export const linkBusy: LinkWording = {
  message: 'link.BUSY',
  detail: 'linkDetail.BUSY',
  tone: 'warning',
  shape: 'triangle',
};

/** Before the first health answer, and when it could not be read. */
export const linkConnecting: LinkWording = { message: 'link.connecting', tone: 'neutral', shape: 'ring' };
export const linkUnknown: LinkWording = { message: 'link.unknown', tone: 'neutral', shape: 'ring' };
