// One of the day's top-ups: how much onto which card and when, its state in words and a shape, and
// Void (asked first) while it is loaded.
import { formatMinor, formatTime, lastFour } from '../../format';
import { describeTopUpState, voidTopUpQuestion, type TopUp } from '../../money';
import { Shape } from '../Shape';
import { ConfirmAction } from './ConfirmAction';

interface TopUpRowProps {
  topUp: TopUp;
  now: number;
  /** This top-up's void is being asked for. */
  voiding: boolean;
  /** Another action is under way: this one waits. */
  busy: boolean;
  onVoid(): void;
}

export function TopUpRow({ topUp, now, voiding, busy, onVoid }: TopUpRowProps) {
  const state = describeTopUpState(topUp.state);
  const headingId = `topup-${topUp.topUpId}`;
  return (
    <li className="item" data-testid="day-topup" data-state={topUp.state} data-topup-id={topUp.topUpId}>
      <div className="item-top">
        <h4 id={headingId}>
          <span className="visually-hidden">Top-up on the </span>
          Card ending {lastFour(topUp.cardNumberMasked)}
        </h4>
        <p className="money item-amount">{formatMinor(topUp.amountMinor, topUp.currency)}</p>
      </div>
      <div className="item-badges">
        <p className={`pill tone-${state.tone}`} data-testid="topup-state">
          <Shape shape={state.shape} />
          {state.text}
        </p>
      </div>
      <dl className="facts">
        <dt>At</dt>
        <dd>{formatTime(topUp.createdAt, new Date(now))}</dd>
        {topUp.balanceMinor !== undefined && topUp.state === 'DONE' && (
          <>
            <dt>Balance after</dt>
            <dd>{formatMinor(topUp.balanceMinor, topUp.currency)}</dd>
          </>
        )}
        {topUp.error && (
          <>
            <dt>Why</dt>
            <dd>{topUp.error.message}</dd>
          </>
        )}
        <dt>Top-up id</dt>
        <dd className="mono">{topUp.topUpId}</dd>
      </dl>
      {topUp.state === 'DONE' && (busy === false || voiding) && (
        <ConfirmAction
          label="Void"
          question={voidTopUpQuestion(topUp)}
          confirmLabel="Yes, void it"
          busyLabel="Voiding…"
          busy={voiding}
          describedBy={headingId}
          onConfirm={onVoid}
        />
      )}
    </li>
  );
}
