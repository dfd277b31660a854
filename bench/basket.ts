// The basket the benchmarks' POS sells: coffee beans (and, for a bigger one, two brushes), with
// one gift card applied for at most £10; what is left is paid in cash at close.
import type { Agent } from '../main/agent';

export const COFFEE = {
  sku: 'SKU-1',
  description: 'Coffee beans 1 kg',
  quantity: 1,
  unitPriceMinor: 1250,
  lineTotalMinor: 1250,
};
export const BRUSHES = {
  sku: 'SKU-2',
  description: 'Grinder brush',
  quantity: 2,
  unitPriceMinor: 600,
  lineTotalMinor: 1200,
};
export const GIFT_CARD_TAKES_MINOR = 1000;

/** Opens the basket and applies the card; throws with the agent's message if either is refused. */
export async function basketWithGiftCard(
  agent: Agent,
  basketId: string,
  cardNumber: string,
  lines: Array<typeof COFFEE> = [COFFEE],
): Promise<{ totalMinor: number; cashMinor: number }> {
  const totalMinor = lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
  const put = await agent.call('putBasket', { basketId, currency: 'GBP', totalMinor, lines });
  if (!put.ok) throw new Error(put.error.message);
  const applied = await agent.call('applyGiftCard', {
    basketId,
    cardNumber,
    maxAmountMinor: GIFT_CARD_TAKES_MINOR,
  });
  if (!applied.ok) throw new Error(applied.error.message);
  return { totalMinor, cashMinor: totalMinor - GIFT_CARD_TAKES_MINOR };
}
