// Which row a sealed card belongs to. Each card or PIN is sealed with associated data naming its
// table and row, so a sealed value copied into another row (another queued sale) will not open.

/** What every card was sealed under before cards were bound to rows; only the start-up upgrade reads it. */
export const LEGACY_CARD_CONTEXT = 'tender';

// Each part escaped, so no choice of ids (a POS's basket id may hold ':') names another row.
const row = (table: string, ...ids: string[]) =>
  ['tender', table, ...ids.map((id) => encodeURIComponent(id))].join(':');

export const cardContext = {
  /** A gift card tender of a basket, and the copy of it in the basket's queued closure. */
  tender: (basketId: string, tenderId: string): string => row('tenders', basketId, tenderId),
  /** A hold asked for, kept to ask again after a crash. */
  hold: (requestId: string): string => row('holds', requestId),
  /** A top-up whose outcome is not known yet. */
  topUp: (topUpId: string): string => row('topups', topUpId),
  /** A refund in the outbox. */
  refund: (refundId: string): string => row('refunds', refundId),
};
