// The Manager view's money: the day report, top-ups, refunds and voided sales, in Welsh.
import type { money as english } from './money.en-GB';

export const money: Record<keyof typeof english, string> = {};
