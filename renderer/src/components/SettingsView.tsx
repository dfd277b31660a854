// The manager's Settings sub-view: where the config came from, the data folder, what needs fixing,
// every setting grouped by section with where its value came from (secrets only masked), and the
// two secrets: entered here (sealed on the till, never shown again), and the POS API token shown on
// demand for a minute. What was typed and what was shown leave the screen as soon as they are used.
// A secret IT's machine-wide file sets is shown as "set by IT", and the screen offers no way to change it.
// Every word comes from the catalogue (settings.* messages). Keys, paths, values and the token are
// the agent's data, and its warnings (sent without a code) its own English: both marked
// data-agent-text, as AgentText marks them, shown as they came.
import { useCallback, useEffect, useReducer, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ApiError, TillAgentApi } from '../../../main/agent/contract';
import { callAgent } from '../agent';
import {
  checkSecret,
  copiedWording,
  describeFileKind,
  groupEntries,
  initialSettings,
  reduceSettings,
  REVEAL_MS,
  secretWording,
  settingsProblem,
  type SecretName,
} from '../settings';
import { Alert } from './Alert';
import { EntryRow, SecretBlock } from './SettingsParts';
import { Shape } from './Shape';
import { useOneCall } from '../use-one-call';

interface SettingsViewProps {
  agent: TillAgentApi;
  session: string;
  /** A call was refused: the Manager view goes back to the PIN when the session expired. */
  onRefused(session: string, error: ApiError): void;
}

export function SettingsView({ agent, session, onRefused }: SettingsViewProps) {
  const intl = useIntl();
  const [state, dispatch] = useReducer(reduceSettings, initialSettings);
  /** What is typed in the open secret form: emptied as soon as it is sent, or the form closes. */
  const [typed, setTyped] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);
  const tokenRef = useRef<HTMLElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const revealRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const lastRead = useRef(0);

  /** The answer to a call made with `session`, or undefined when the session expired (the PIN prompt follows). */
  const refusedOr = useCallback(
    <T,>(result: { ok: true; value: T } | { ok: false; error: ApiError }) => {
      if (!result.ok && result.error.code === 'MANAGER_SESSION_EXPIRED') {
        onRefused(session, result.error);
        return undefined;
      }
      return result;
    },
    [onRefused, session],
  );

  const read = useCallback(async (): Promise<void> => {
    const seq = ++lastRead.current;
    dispatch({ type: 'readStarted', seq });
    const result = refusedOr(await callAgent(() => agent.managerSettings({ session })));
    if (result) dispatch({ type: 'readAnswered', seq, result });
  }, [agent, session, refusedOr]);

  // Opened: the heading first, and the settings read at once.
  useEffect(() => {
    headingRef.current?.focus();
    void read();
  }, [read]);

  // A revealed token: Copy next, and hidden by itself after a minute.
  const revealed = state.revealed;
  const shown = revealed !== undefined;
  const wasShown = useRef(false);
  useEffect(() => {
    if (!shown) {
      // Hidden (Hide, or the minute is up): a keyboard left nowhere goes back to Show.
      const active = document.activeElement;
      if (wasShown.current && (active === null || active === document.body)) revealRef.current?.focus();
      wasShown.current = false;
      return;
    }
    wasShown.current = true;
    copyRef.current?.focus();
    const timer = setTimeout(() => dispatch({ type: 'hidden' }), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  // The secret form opened: its field next.
  const form = state.form;
  useEffect(() => {
    if (form !== undefined) fieldRef.current?.focus();
  }, [form]);

  /** One call at a time; a second press before the answer is ignored. */
  const once = useOneCall();

  const openForm = (name: SecretName, opener: HTMLButtonElement): void => {
    openerRef.current = opener;
    setTyped('');
    dispatch({ type: 'formOpened', name });
  };

  const closeForm = (): void => {
    setTyped('');
    dispatch({ type: 'formClosed' });
    openerRef.current?.focus();
  };

  const save = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (form === undefined || state.busy) return;
    const checked = checkSecret(intl, form, typed);
    if (!checked.ok) {
      dispatch({ type: 'secretRefused', message: checked.message });
      fieldRef.current?.focus();
      return;
    }
    const name = form;
    // Sent once, then gone from the screen whatever the answer: a refusal is typed again.
    setTyped('');
    void once(async () => {
      dispatch({ type: 'saveStarted' });
      const result = refusedOr(
        await callAgent(() => agent.managerSetSecret({ session, name, value: checked.value })),
      );
      if (!result) return;
      dispatch({ type: 'saveAnswered', name, result });
      if (result.ok) {
        headingRef.current?.focus();
        void read();
      } else {
        fieldRef.current?.focus();
      }
    });
  };

  const reveal = (): void =>
    void once(async () => {
      dispatch({ type: 'revealStarted' });
      const result = refusedOr(await callAgent(() => agent.managerRevealPosToken({ session })));
      if (result) dispatch({ type: 'revealAnswered', result });
    });

  const hide = (): void => dispatch({ type: 'hidden' });

  const copy = async (): Promise<void> => {
    if (revealed === undefined) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(revealed);
      dispatch({ type: 'copied', how: 'copied' });
    } catch {
      // Copying is not allowed here: select the token, so Ctrl+C copies it.
      const box = tokenRef.current;
      if (box) window.getSelection()?.selectAllChildren(box);
      dispatch({ type: 'copied', how: 'selected' });
    }
  };

  const settings = state.settings;
  const busy = state.busy;
  const formWording = form === undefined ? undefined : secretWording(intl, form);
  const problem = state.problem && settingsProblem(intl, state.problem, settings);
  const secretForm = form !== undefined && formWording && (
    <form
      className="secret-form"
      onSubmit={save}
      onKeyDown={(event) => {
        // Escape closes this prompt only: the Manager view stays open, and nothing else typed in it goes.
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        event.preventDefault();
        closeForm();
      }}
      noValidate
      data-testid="secret-form"
    >
      <label htmlFor="secret-field">{formWording.field}</label>
      <input
        id="secret-field"
        ref={fieldRef}
        className="input"
        type="password"
        autoComplete="off"
        spellCheck={false}
        maxLength={600}
        value={typed}
        readOnly={busy === 'save'}
        aria-invalid={state.formProblem ? true : undefined}
        aria-describedby={state.formProblem ? 'secret-problem secret-hint' : 'secret-hint'}
        onChange={(event) => setTyped(event.target.value)}
      />
      <p className="field-hint" id="secret-hint">
        {formWording.hint}
      </p>
      {state.formProblem && (
        <p className="field-problem" id="secret-problem" role="alert" data-testid="secret-problem">
          <Shape shape="triangle" />
          {state.formProblem}
        </p>
      )}
      <div className="item-actions">
        <button type="submit" className="check" aria-disabled={busy === 'save' || undefined}>
          {busy === 'save' ? intl.formatMessage({ id: 'settings.secret.saving' }) : formWording.save}
        </button>
        <button type="button" className="secondary" onClick={closeForm}>
          <FormattedMessage id="settings.secret.cancel" />
        </button>
      </div>
    </form>
  );
  return (
    <section className="settings" aria-labelledby="settings-heading" data-testid="settings">
      <h3 id="settings-heading" ref={headingRef} tabIndex={-1}>
        <FormattedMessage id="settings.heading" />
      </h3>
      <div aria-live="polite">
        {state.reading !== undefined && !settings && (
          <p className="panel-status">
            <FormattedMessage id="settings.reading" />
          </p>
        )}
        {state.saved && (
          <p className="outcome tone-good settings-notice" data-testid="settings-notice">
            <Shape shape="circle" />
            {secretWording(intl, state.saved).saved}
          </p>
        )}
      </div>
      {problem && (
        <Alert
          level={4}
          heading={problem.heading}
          className="panel-alert"
          role="alert"
          testId="settings-problem"
        >
          <p>{problem.message}</p>
        </Alert>
      )}
      {settings && settings.warnings.length > 0 && (
        <div className="warnings" data-testid="settings-warnings">
          <h4 className="warnings-heading">
            <Shape shape="triangle" />
            <FormattedMessage id="settings.warnings" />
          </h4>
          {/* The agent's own words, sent without a code to put them into the screen's language. */}
          <ul lang="en" data-agent-text="">
            {settings.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      {settings && (
        <>
          <dl className="facts settings-facts" data-testid="settings-source">
            <dt>
              <FormattedMessage id="settings.configFile" />
            </dt>
            <dd>
              {settings.file ? (
                <>
                  <span className="mono" data-testid="settings-file" data-agent-text="">
                    {settings.file}
                  </span>{' '}
                  <span className="file-kind" data-testid="settings-file-kind">
                    <FormattedMessage
                      id="settings.fileKindAfterPath"
                      values={{ kind: describeFileKind(intl, settings.fileKind) }}
                    />
                  </span>
                </>
              ) : (
                <span data-testid="settings-file-kind">
                  {capitalise(describeFileKind(intl, settings.fileKind), intl.locale)}
                </span>
              )}
            </dd>
            {settings.userFile && (
              <>
                <dt>
                  <FormattedMessage id="settings.userFile" />
                </dt>
                <dd>
                  <span className="mono" data-testid="settings-user-file" data-agent-text="">
                    {settings.userFile}
                  </span>{' '}
                  <span className="file-kind">
                    <FormattedMessage id="settings.userFileNote" />
                  </span>
                </dd>
              </>
            )}
            <dt>
              <FormattedMessage id="settings.dataDir" />
            </dt>
            <dd className="mono" data-testid="settings-data-dir" data-agent-text="">
              {settings.dataDir}
            </dd>
            {settings.demo && (
              <>
                <dt>
                  <FormattedMessage id="settings.mode" />
                </dt>
                <dd>
                  <FormattedMessage id="settings.demo" />
                </dd>
              </>
            )}
          </dl>
          <section className="secrets" aria-labelledby="secrets-heading" data-testid="secrets">
            <h4 id="secrets-heading">
              <FormattedMessage id="settings.secrets" />
            </h4>
            <SecretBlock
              name="centegra.apiKey"
              settings={settings}
              busy={busy}
              onOpen={openForm}
              testId="secret-key"
            >
              {form === 'centegra.apiKey' && secretForm}
            </SecretBlock>
            <SecretBlock
              name="posApi.token"
              settings={settings}
              busy={busy}
              onOpen={openForm}
              testId="secret-token"
            >
              {form === 'posApi.token' && secretForm}
              {revealed === undefined ? (
                <button
                  type="button"
                  className="secondary"
                  ref={revealRef}
                  aria-disabled={busy !== undefined || undefined}
                  onClick={() => busy === undefined && reveal()}
                >
                  <FormattedMessage
                    id={busy === 'reveal' ? 'settings.token.showing' : 'settings.token.show'}
                  />
                </button>
              ) : (
                <div className="token-box" data-testid="token-box">
                  <p className="token-label" id="token-label">
                    <FormattedMessage id="settings.token.label" />
                  </p>
                  <code
                    className="mono token"
                    ref={tokenRef}
                    aria-labelledby="token-label"
                    data-testid="token"
                    data-agent-text=""
                  >
                    {revealed}
                  </code>
                  <div className="item-actions">
                    <button type="button" className="check" ref={copyRef} onClick={() => void copy()}>
                      <FormattedMessage id="settings.token.copy" />
                    </button>
                    <button type="button" className="secondary" onClick={hide}>
                      <FormattedMessage id="settings.token.hide" />
                    </button>
                  </div>
                  <p className="panel-status" aria-live="polite" data-testid="token-copied">
                    {state.copied ? intl.formatMessage({ id: copiedWording[state.copied] }) : ''}
                  </p>
                </div>
              )}
            </SecretBlock>
          </section>
          {groupEntries(intl, settings.entries).map((group) => (
            <section
              key={group.id}
              className="settings-group"
              aria-labelledby={`settings-${group.id}`}
              data-testid="settings-group"
              data-group={group.id}
            >
              <h4 id={`settings-${group.id}`}>{group.title}</h4>
              <ul className="settings-list">
                {group.entries.map((entry) => (
                  <EntryRow key={entry.key} entry={entry} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

/** The first letter in capitals, as the language writes it. */
function capitalise(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}
