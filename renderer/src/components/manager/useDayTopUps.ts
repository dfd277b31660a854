// The day's top-ups for the Day view (one day: the view starts it afresh for another): read on opening, kept current from `topup` events (a void
// goes VOIDING, then VOIDED), and voided one at a time after the manager confirms. Their CSV is
// the agent's, saved as it came: its column names are data for spreadsheets and stay English.
import { useCallback, useEffect, useRef } from 'react';
import type { ApiError, TillAgentApi } from '../../../../main/agent/contract';
import { saveCsv } from '../../download';
import type { DayNotice, TopUp } from '../../money';
import { useOneCall } from '../../use-one-call';
import { usePatch } from '../../use-patch';
import { useManagerCall, type Refused } from './useManagerCall';

export interface DayTopUps {
  topUps?: readonly TopUp[];
  /** The same list as a spreadsheet, as the agent made it with the list. */
  csv?: { filename: string; csv: string };
  /** The top-up whose void is being asked for. */
  voiding?: string;
  /** What the last void or download did (put into words as it is drawn). */
  notice?: DayNotice;
  problem?: ApiError;
  voidTopUp(topUpId: string): void;
  download(): void;
}

function withTopUp(list: readonly TopUp[] | undefined, t: TopUp): readonly TopUp[] | undefined {
  return list?.map((each) => (each.topUpId === t.topUpId ? t : each));
}

export function useDayTopUps(
  agent: TillAgentApi,
  session: string,
  date: string,
  onRefused: Refused,
): DayTopUps {
  const call = useManagerCall(session, onRefused);
  const once = useOneCall();
  const [state, patch] = usePatch<Omit<DayTopUps, 'voidTopUp' | 'download'>>({});
  const lastRead = useRef(0);

  const read = useCallback(async (): Promise<void> => {
    const seq = ++lastRead.current;
    const result = await call((s) => agent.managerTopUps({ session: s, date }));
    if (seq !== lastRead.current || !result) return;
    if (result.ok) {
      const { topUps, filename, csv } = result.value;
      patch({ topUps, csv: { filename, csv } });
    } else patch({ problem: result.error });
  }, [agent, call, date, patch]);

  useEffect(() => {
    void read();
  }, [read]);

  useEffect(() => {
    let stop: () => void = () => {};
    try {
      stop = agent.onEvent((event) => {
        if (event.type === 'topup') patch((s) => ({ topUps: withTopUp(s.topUps, event.data) }));
        else if (event.type === 'resync') void read();
      });
    } catch {
      // Without events each void's own answer still shows.
    }
    return stop;
  }, [agent, read, patch]);

  const voidTopUp = (topUpId: string): void =>
    void once(async () => {
      patch({ voiding: topUpId, notice: undefined, problem: undefined });
      const result = await call((s) => agent.managerVoidTopUp({ session: s, topUpId }));
      if (!result) return patch({ voiding: undefined });
      if (!result.ok) return patch({ voiding: undefined, problem: result.error });
      const t = result.value;
      patch((s) => ({
        voiding: undefined,
        topUps: withTopUp(s.topUps, t),
        notice: { kind: 'topUpVoided', topUp: t },
      }));
    });

  const download = (): void => {
    if (state.csv) patch({ notice: { kind: 'saved', filename: saveCsv(state.csv.filename, state.csv.csv) } });
  };

  return { ...state, voidTopUp, download };
}
