// Where a manager approves a top-up over the till's limit, inside the top-up panel: the agent's
// reason, the manager PIN (the Manager tab's prompt), and, once approved, that it is being sent.
import { FormattedMessage, useIntl } from 'react-intl';
import type { TillAgentApi } from '../../../../main/agent/contract';
import { formatMoney } from '../../format';
import { useNow } from '../../use-now';
import { Shape } from '../Shape';
import { PinPrompt } from './PinPrompt';
import { useManagerApproval } from './useManagerApproval';

interface ManagerApprovalProps {
  agent: TillAgentApi;
  /** Why a manager is needed, in the agent's words (the PIN prompt's refusal; not shown as such). */
  message: string;
  /** The approval limit the agent names (details.approvalAboveMinor), shown in the screen's words. */
  limitMinor?: number;
  currency: string;
  /** The session the agent just refused for it, if any: the PIN is asked again. */
  expiredSession?: string;
  /** Approved and sent: waiting for the answer (the session stays open until it comes). */
  sending: boolean;
  onApproved(session: string): void;
  /** Escape in the PIN prompt: the approval (and its top-up) is dropped; the till keeps what was typed. */
  onCancel?(): void;
}

export function ManagerApproval({
  agent,
  message,
  limitMinor,
  currency,
  expiredSession,
  sending,
  onApproved,
  onCancel,
}: ManagerApprovalProps) {
  const approval = useManagerApproval(agent, expiredSession, message, onApproved);
  const now = useNow(15_000);
  const intl = useIntl();
  const limit = limitMinor === undefined ? undefined : formatMoney(limitMinor, currency, intl.locale);
  return (
    <div className="approval" data-testid="topup-approval">
      <h3 className="approval-heading">
        <Shape shape="triangle" />
        <FormattedMessage id="approval.heading" />
      </h3>
      <p className="approval-reason">
        {limit ? (
          <FormattedMessage id="approval.reasonOver" values={{ amount: limit }} />
        ) : (
          <FormattedMessage id="approval.reason" />
        )}
      </p>
      {sending ? (
        <p className="hint approval-sending" role="status">
          <FormattedMessage id="approval.sending" />
        </p>
      ) : (
        <PinPrompt
          state={approval.state}
          now={now}
          onRefused={approval.refused}
          onUnlock={approval.unlock}
          onReadStatus={approval.readStatus}
          submitLabel="approval.approve"
          busyLabel="approval.checking"
          {...(onCancel ? { onCancel } : {})}
        />
      )}
    </div>
  );
}
