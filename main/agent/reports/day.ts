// The day report: one till's gift card activity on one local calendar day, from its own records,
// as the POS API's DayReport defines each figure (count, totalMinor). Read-only SQL over the
// baskets, their tenders, the outbox, top-ups and refunds of the day.
import type { DayReport } from '../contract';
import type { Db } from '../db';
import { csvDocument, formatMinor } from '../../common';
import { localDayBounds } from './local-day';

type Figure = Exclude<keyof DayReport, 'date' | 'siteId' | 'tillId' | 'currency'>;
export const DAY_FIGURES: readonly Figure[] = [
  'redeemed',
  'pending',
  'failed',
  'resolved',
  'topUps',
  'refunds',
  'voided',
];

/** A close's queue item, from the basket's close_item_id (itm_<seq>). */
const CLOSE_ITEM = `outbox o ON o.seq = CAST(substr(b.close_item_id, 5) AS INTEGER)`;
const TALLY = `count(*) AS count, coalesce(sum(amount), 0) AS totalMinor`;

export class DayReports {
  private readonly s;

  constructor(
    db: Db,
    private readonly till: { siteId: string; tillId: string },
    private readonly currency: string,
  ) {
    // Gift card tenders of the baskets closed in [from, to), with where their close stands.
    const tenders = (where: string) =>
      db.prepare(
        `SELECT ${TALLY} FROM (SELECT t.amount_minor AS amount FROM baskets b
           JOIN tenders t ON t.basket_id = b.basket_id JOIN ${CLOSE_ITEM}
          WHERE b.closed_at >= @from AND b.closed_at < @to AND b.state IN ('CLOSED', 'VOIDED') AND ${where})`,
      );
    this.s = {
      redeemed: tenders(`b.state = 'CLOSED' AND o.state = 'DELIVERED'`),
      pending: tenders(`b.state = 'CLOSED' AND o.state IN ('PENDING', 'IN_FLIGHT')`),
      failed: tenders(`o.state = 'FAILED' AND o.resolution IS NULL`),
      resolved: tenders(`o.state = 'FAILED' AND o.resolution IS NOT NULL`),
      voidedSales: db.prepare(
        `SELECT ${TALLY} FROM (SELECT t.amount_minor AS amount FROM baskets b
           JOIN tenders t ON t.basket_id = b.basket_id
           JOIN outbox v ON v.seq = CAST(substr(b.void_item_id, 5) AS INTEGER)
          WHERE b.closed_at >= @from AND b.closed_at < @to AND b.state = 'VOIDED' AND v.state = 'DELIVERED')`,
      ),
      topUps: db.prepare(
        `SELECT ${TALLY} FROM (SELECT amount_minor AS amount FROM topups
          WHERE created_at >= @from AND created_at < @to AND state IN ('DONE', 'VOIDING'))`,
      ),
      voidedTopUps: db.prepare(
        `SELECT ${TALLY} FROM (SELECT amount_minor AS amount FROM topups
          WHERE created_at >= @from AND created_at < @to AND state = 'VOIDED')`,
      ),
      refunds: db.prepare(
        `SELECT ${TALLY} FROM (SELECT r.amount_minor AS amount FROM refunds r
           JOIN outbox o ON o.seq = CAST(substr(r.item_id, 5) AS INTEGER)
           LEFT JOIN outbox v ON v.seq = CAST(substr(r.void_item_id, 5) AS INTEGER)
          WHERE r.created_at >= @from AND r.created_at < @to AND o.state = 'DELIVERED'
            AND (v.seq IS NULL OR v.state != 'DELIVERED'))`,
      ),
      voidedRefunds: db.prepare(
        `SELECT ${TALLY} FROM (SELECT r.amount_minor AS amount FROM refunds r
           JOIN outbox v ON v.seq = CAST(substr(r.void_item_id, 5) AS INTEGER)
          WHERE r.created_at >= @from AND r.created_at < @to AND v.state = 'DELIVERED')`,
      ),
    };
  }

  /** The report for a local day (default today, by `now`). */
  report(date: string | undefined, now: Date): DayReport {
    const day = localDayBounds(date, now);
    const range = { from: day.from, to: day.to };
    const tally = (s: { get(args: object): unknown }) =>
      s.get(range) as { count: number; totalMinor: number };
    const sum = (...ts: Array<{ count: number; totalMinor: number }>) => ({
      count: ts.reduce((n, t) => n + t.count, 0),
      totalMinor: ts.reduce((n, t) => n + t.totalMinor, 0),
    });
    return {
      date: day.date,
      siteId: this.till.siteId,
      tillId: this.till.tillId,
      currency: this.currency,
      redeemed: tally(this.s.redeemed),
      pending: tally(this.s.pending),
      failed: tally(this.s.failed),
      resolved: tally(this.s.resolved),
      topUps: tally(this.s.topUps),
      refunds: tally(this.s.refunds),
      voided: sum(tally(this.s.voidedSales), tally(this.s.voidedTopUps), tally(this.s.voidedRefunds)),
    };
  }
}

/** The report as a spreadsheet: one row per figure, the amount both formatted and in minor units. */
export function dayReportCsv(report: DayReport): string {
  return csvDocument(
    ['date', 'siteId', 'tillId', 'currency', 'figure', 'count', 'totalMinor', 'total'],
    DAY_FIGURES.map((figure) => {
      const t = report[figure];
      return [
        report.date,
        report.siteId,
        report.tillId,
        report.currency,
        figure,
        t.count,
        t.totalMinor,
        formatMinor(t.totalMinor, report.currency),
      ];
    }),
  );
}
