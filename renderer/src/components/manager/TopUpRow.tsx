// One of the day's top-ups: how much onto which card and when, its state in words and a shape, and
// Void (asked first) while it is loaded.
import { FormattedMessage, useIntl } from 'react-intl';
import { formatMoney, formatTime, lastFour } from '../../format';
import { describeTopUpState, voidTopUpQuestion, whyWords, type TopUp } from '../../money';
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
  const intl = useIntl();
  const state = describeTopUpState(intl, topUp.state);
  const headingId = `topup-${topUp.topUpId}`;
  return (
    <li className="item" data-testid="day-topup" data-state={topUp.state} data-topup-id={topUp.topUpId}>
      <div className="item-top">
        <h4 id={headingId}>
          <FormattedMessage
            id="dayTopUp.heading"
            values={{
              last4: lastFour(topUp.cardNumberMasked),
              hidden: (words) => <span className="visually-hidden">{words}</span>,
            }}
          />
        </h4>
        <p className="money item-amount">{formatMoney(topUp.amountMinor, topUp.currency, intl.locale)}</p>
      </div>
      <div className="item-badges">
        <p className={`pill tone-${state.tone}`} data-testid="topup-state">
          <Shape shape={state.shape} />
          {state.text}
        </p>
      </div>
      <dl className="facts">
        <dt>
          <FormattedMessage id="dayTopUp.at" />
        </dt>
        <dd>{formatTime(topUp.createdAt, new Date(now), undefined, intl.locale)}</dd>
        {topUp.balanceMinor !== undefined && topUp.state === 'DONE' && (
          <>
            <dt>
              <FormattedMessage id="dayTopUp.balanceAfter" />
            </dt>
            <dd>{formatMoney(topUp.balanceMinor, topUp.currency, intl.locale)}</dd>
          </>
        )}
        {topUp.error && (
          <>
            <dt>
              <FormattedMessage id="dayTopUp.why" />
            </dt>
            <dd>{whyWords(intl, topUp.error)}</dd>
          </>
        )}
        <dt>
          <FormattedMessage id="dayTopUp.id" />
        </dt>
        {/* An id is the agent's, shown as it is (data-agent-text: no words to translate). */}
        <dd className="mono" data-agent-text="">
          {topUp.topUpId}
        </dd>
      </dl>
      {topUp.state === 'DONE' && (busy === false || voiding) && (
        <ConfirmAction
          label={intl.formatMessage({ id: 'dayTopUp.void' })}
          question={voidTopUpQuestion(intl, topUp)}
          busy={voiding}
          describedBy={headingId}
          onConfirm={onVoid}
        />
      )}
    </li>
  );
}
