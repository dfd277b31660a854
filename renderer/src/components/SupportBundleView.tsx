// The manager's Support bundle sub-view: one button that asks the agent for the zip (logs, settings
// without secrets, the checks, the queue with card numbers masked) and saves it as a download.
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ApiError, TillAgentApi } from '../../../main/agent/contract';
import { callAgent } from '../agent';
import { problemWords } from '../error-words';
import { saveFile } from '../download';
import { base64ToBytes, safeZipFilename } from '../settings';
import { AgentText } from './AgentText';
import { Alert } from './Alert';
import { Shape } from './Shape';

interface SupportBundleViewProps {
  agent: TillAgentApi;
  session: string;
  /** A call was refused: the Manager view goes back to the PIN when the session expired. */
  onRefused(session: string, error: ApiError): void;
}

export function SupportBundleView({ agent, session, onRefused }: SupportBundleViewProps) {
  const [making, setMaking] = useState(false);
  const intl = useIntl();
  /** The saved file's name. */
  const [notice, setNotice] = useState<string>();
  /** What went wrong, in the screen's language (by the error's code, or a damaged answer), and the agent's own words. */
  const [problem, setProblem] = useState<{ words: string; agentSaid?: string }>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const calling = useRef(false);

  useEffect(() => headingRef.current?.focus(), []);

  const make = async (): Promise<void> => {
    if (calling.current) return;
    calling.current = true;
    setMaking(true);
    setNotice(undefined);
    setProblem(undefined);
    try {
      const result = await callAgent(() => agent.managerSupportBundle({ session }));
      if (!result.ok) {
        if (result.error.code === 'MANAGER_SESSION_EXPIRED') onRefused(session, result.error);
        else
          setProblem({
            words: problemWords(intl, result.error, 'manager').message,
            agentSaid: result.error.message,
          });
        return;
      }
      const bytes = base64ToBytes(result.value.zipBase64);
      if (!bytes) {
        setProblem({ words: intl.formatMessage({ id: 'bundle.damaged' }) });
        return;
      }
      const name = saveFile(safeZipFilename(result.value.filename), bytes, 'application/zip');
      setNotice(name);
    } finally {
      calling.current = false;
      setMaking(false);
    }
  };

  return (
    <section className="bundle" aria-labelledby="bundle-heading" data-testid="support-bundle">
      <h3 id="bundle-heading" ref={headingRef} tabIndex={-1}>
        <FormattedMessage id="bundle.heading" />
      </h3>
      <p className="panel-intro">
        <FormattedMessage id="bundle.contents" />
      </p>
      <button
        type="button"
        className="check make-bundle"
        aria-disabled={making || undefined}
        onClick={() => void make()}
      >
        <FormattedMessage id={making ? 'bundle.making' : 'bundle.make'} />
      </button>
      <div aria-live="polite">
        {notice && (
          <p className="outcome tone-good bundle-notice" data-testid="bundle-notice">
            <Shape shape="circle" />
            <FormattedMessage id="bundle.saved" values={{ filename: notice }} />
          </p>
        )}
      </div>
      {problem && (
        <Alert
          level={4}
          heading={intl.formatMessage({ id: 'bundle.problem.heading' })}
          className="panel-alert"
          role="alert"
          testId="bundle-problem"
        >
          <p>{problem.words}</p>
          {problem.agentSaid && <AgentText as="p">{problem.agentSaid}</AgentText>}
        </Alert>
      )}
    </section>
  );
}
