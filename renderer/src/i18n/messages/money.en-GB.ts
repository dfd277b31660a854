// The Manager view's money: the day report, top-ups, refunds and voided sales, in English.
export const money = {} as const;
