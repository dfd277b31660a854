// The day's report for the Day view (one day: the view starts it afresh for another): read when it
// opens, read again
// shortly after a top-up or refund changes (events come in bursts), and saved as CSV on demand.
// The CSV is the agent's, saved as it came: its column names are data for spreadsheets and stay
// English whatever the screen's language.
import { useCallback, useEffect, useRef } from 'react';
import type { ApiError, TillAgentApi } from '../../../../main/agent/contract';
import { saveCsv } from '../../download';
import { REQUERY_DELAY_MS } from '../../manager';
import type { DayNotice, DayReportExport } from '../../money';
import { usePatch } from '../../use-patch';
import { useManagerCall, type Refused } from './useManagerCall';

export interface DayReportView {
  report?: DayReportExport;
  loading: boolean;
  problem?: ApiError;
  /** What the last download did, for the live region (put into words as it is drawn). */
  notice?: DayNotice;
  download(): void;
}

export function useDayReport(
  agent: TillAgentApi,
  session: string,
  date: string,
  onRefused: Refused,
): DayReportView {
  const call = useManagerCall(session, onRefused);
  const [state, patch] = usePatch<{
    report?: DayReportExport;
    loading: boolean;
    problem?: ApiError;
    notice?: DayNotice;
  }>({ loading: false });
  const lastRead = useRef(0);

  const read = useCallback(async (): Promise<void> => {
    const seq = ++lastRead.current;
    patch({ loading: true });
    const result = await call((s) => agent.managerDayReport({ session: s, date }));
    if (seq !== lastRead.current) return;
    if (!result) patch({ loading: false });
    else if (result.ok) patch({ loading: false, report: result.value, problem: undefined });
    else patch({ loading: false, problem: result.error });
  }, [agent, call, date, patch]);

  useEffect(() => {
    void read();
  }, [read]);

  // A top-up or refund settled or voided changes the day's figures.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: () => void = () => {};
    try {
      stop = agent.onEvent((event) => {
        if (event.type !== 'topup' && event.type !== 'refund' && event.type !== 'resync') return;
        timer ??= setTimeout(() => {
          timer = undefined;
          void read();
        }, REQUERY_DELAY_MS);
      });
    } catch {
      // Without events the figures are read on opening and on each day picked.
    }
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [agent, read]);

  const { report, loading, problem, notice } = state;
  const download = (): void => {
    if (report) patch({ notice: { kind: 'saved', filename: saveCsv(report.filename, report.csv) } });
  };

  return {
    ...(report ? { report } : {}),
    loading,
    ...(problem ? { problem } : {}),
    ...(notice ? { notice } : {}),
    download,
  };
}
