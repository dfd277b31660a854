// The manager's Settings sub-view: where the config came from, the data folder, what needs fixing,
// every setting grouped by section with where its value came from (secrets only masked), and the
// two secrets: entered here (sealed on the till, never shown again), and the POS API token shown on
// demand for a minute. What was typed and what was shown leave the screen as soon as they are used.
// A secret IT's machine-wide file sets is shown as "set by IT", and the screen offers no way to change it.
import { useCallback, useEffect, useReducer, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, TillAgentApi } from '../../../main/agent/contract';
import { callAgent } from '../agent';
import {
  checkSecret,
  copiedWording,
  describeFileKind,
  describeSource,
  displayValue,
  groupEntries,
  initialSettings,
  reduceSettings,
  REVEAL_MS,
  secretEntry,
  secretFileNote,
  secretPolicyNote,
  secretWording,
  type SecretName,
  type Settings,
  type SettingsEntry,
} from '../settings';
import { Alert } from './Alert';
import { Shape } from './Shape';
import { useOneCall } from '../use-one-call';

interface SettingsViewProps {
  agent: TillAgentApi;
  session: string;
  /** A call was refused: the Manager view goes back to the PIN when the session expired. */
  onRefused(session: string, error: ApiError): void;
}

export function SettingsView({ agent, session, onRefused }: SettingsViewProps) {
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
    const checked = checkSecret(form, typed);
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
  const secretForm = form !== undefined && (
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
      <label htmlFor="secret-field">{secretWording[form].field}</label>
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
        {secretWording[form].hint}
      </p>
      {state.formProblem && (
        <p className="field-problem" id="secret-problem" role="alert" data-testid="secret-problem">
          <Shape shape="triangle" />
          {state.formProblem}
        </p>
      )}
      <div className="item-actions">
        <button type="submit" className="check" aria-disabled={busy === 'save' || undefined}>
          {busy === 'save' ? 'Saving…' : secretWording[form].save}
        </button>
        <button type="button" className="secondary" onClick={closeForm}>
          Cancel
        </button>
      </div>
    </form>
  );
  return (
    <section className="settings" aria-labelledby="settings-heading" data-testid="settings">
      <h3 id="settings-heading" ref={headingRef} tabIndex={-1}>
        Settings
      </h3>
      <div aria-live="polite">
        {state.reading !== undefined && !settings && <p className="panel-status">Reading the settings…</p>}
        {state.notice && (
          <p className="outcome tone-good settings-notice" data-testid="settings-notice">
            <Shape shape="circle" />
            {state.notice}
          </p>
        )}
      </div>
      {state.problem && (
        <Alert
          level={4}
          heading={state.problem.heading}
          className="panel-alert"
          role="alert"
          testId="settings-problem"
        >
          <p>{state.problem.message}</p>
        </Alert>
      )}
      {settings && settings.warnings.length > 0 && (
        <div className="warnings" data-testid="settings-warnings">
          <h4 className="warnings-heading">
            <Shape shape="triangle" />
            Needs fixing
          </h4>
          <ul>
            {settings.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      {settings && (
        <>
          <dl className="facts settings-facts" data-testid="settings-source">
            <dt>Config file</dt>
            <dd>
              {settings.file ? (
                <>
                  <span className="mono" data-testid="settings-file">
                    {settings.file}
                  </span>{' '}
                  <span className="file-kind" data-testid="settings-file-kind">
                    ({describeFileKind(settings.fileKind)})
                  </span>
                </>
              ) : (
                <span data-testid="settings-file-kind">
                  {capitalise(describeFileKind(settings.fileKind))}
                </span>
              )}
            </dd>
            {settings.userFile && (
              <>
                <dt>Your file</dt>
                <dd>
                  <span className="mono" data-testid="settings-user-file">
                    {settings.userFile}
                  </span>{' '}
                  <span className="file-kind">(adds only what IT&apos;s file leaves unset)</span>
                </dd>
              </>
            )}
            <dt>Data folder</dt>
            <dd className="mono" data-testid="settings-data-dir">
              {settings.dataDir}
            </dd>
            {settings.demo && (
              <>
                <dt>Mode</dt>
                <dd>Demo: Centegra Plus is the built-in simulator</dd>
              </>
            )}
          </dl>
          <section className="secrets" aria-labelledby="secrets-heading" data-testid="secrets">
            <h4 id="secrets-heading">Secrets</h4>
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
                  {busy === 'reveal' ? 'Showing…' : 'Show the POS API token'}
                </button>
              ) : (
                <div className="token-box" data-testid="token-box">
                  <p className="token-label" id="token-label">
                    POS API token (hides itself after a minute)
                  </p>
                  <code
                    className="mono token"
                    ref={tokenRef}
                    aria-labelledby="token-label"
                    data-testid="token"
                  >
                    {revealed}
                  </code>
                  <div className="item-actions">
                    <button type="button" className="check" ref={copyRef} onClick={() => void copy()}>
                      Copy
                    </button>
                    <button type="button" className="secondary" onClick={hide}>
                      Hide
                    </button>
                  </div>
                  <p className="panel-status" aria-live="polite" data-testid="token-copied">
                    {state.copied ? copiedWording[state.copied] : ''}
                  </p>
                </div>
              )}
            </SecretBlock>
          </section>
          {groupEntries(settings.entries).map((group) => (
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function SourceBadge({ source }: { source: string }) {
  const wording = describeSource(source);
  return (
    <span className={`pill source tone-${wording.tone}`} data-testid="entry-source">
      <span className="visually-hidden">from </span>
      {wording.text}
    </span>
  );
}

function EntryRow({ entry }: { entry: SettingsEntry }) {
  return (
    <li className="settings-entry" data-testid="settings-entry" data-key={entry.key}>
      <div className="entry-top">
        <span className="mono entry-key">{entry.key}</span>
        <SourceBadge source={entry.source} />
      </div>
      <span
        className={`mono entry-value${entry.secret ? ' entry-value--secret' : ''}`}
        data-testid="entry-value"
      >
        {displayValue(entry)}
      </span>
    </li>
  );
}

interface SecretBlockProps {
  name: SecretName;
  settings: Settings;
  busy?: 'save' | 'reveal';
  onOpen(name: SecretName, opener: HTMLButtonElement): void;
  testId: string;
  /** Under the button: the form to enter it, the revealed token. */
  children: ReactNode;
}

/**
 * One secret: its masked value and where it came from, a note if the file overrides it, and its
 * actions; none that would change it when IT's file sets it.
 */
function SecretBlock({ name, settings, busy, onOpen, testId, children }: SecretBlockProps) {
  const entry = secretEntry(settings, name);
  const policy = secretPolicyNote(entry, settings);
  const note = policy ?? secretFileNote(entry, settings.fileKind);
  const wording = secretWording[name];
  return (
    <div className="secret" data-testid={testId}>
      <p className="secret-name">{wording.name}</p>
      <p className="secret-value">
        <span className="mono">{entry?.value ?? 'not set'}</span>{' '}
        {entry && <SourceBadge source={entry.source} />}
      </p>
      {note && (
        <p className="secret-note" data-testid={policy ? 'secret-policy' : 'secret-note'}>
          <Shape shape="triangle" />
          <span>{note}</span>
        </p>
      )}
      <div className="secret-actions">
        {!policy && (
          <button
            type="button"
            className="secondary"
            aria-disabled={busy !== undefined || undefined}
            onClick={(event) => busy === undefined && onOpen(name, event.currentTarget)}
          >
            {wording.action}
          </button>
        )}
        {children}
      </div>
    </div>
  );
}
