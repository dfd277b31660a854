// The Settings sub-view's pieces: one setting (its key and value as data, where it came from in
// words) and one secret (masked, where it came from, a note if a file overrides it, its actions).
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  describeSource,
  displayValue,
  maskedValue,
  secretEntry,
  secretFileNote,
  secretPolicyNote,
  secretWording,
  type SecretName,
  type Settings,
  type SettingsEntry,
  valueInWords,
} from '../settings';
import { Shape } from './Shape';

const hidden = (chunks: ReactNode[]) => <span className="visually-hidden">{chunks}</span>;

function SourceBadge({ source }: { source: string }) {
  const intl = useIntl();
  const wording = describeSource(intl, source);
  return (
    <span className={`pill source tone-${wording.tone}`} data-testid="entry-source">
      <FormattedMessage id="settings.sourceBadge" values={{ hidden, source: wording.text }} />
    </span>
  );
}

export function EntryRow({ entry }: { entry: SettingsEntry }) {
  const intl = useIntl();
  return (
    <li className="settings-entry" data-testid="settings-entry" data-key={entry.key}>
      <div className="entry-top">
        <span className="mono entry-key" data-agent-text="">
          {entry.key}
        </span>
        <SourceBadge source={entry.source} />
      </div>
      <span
        className={`mono entry-value${entry.secret ? ' entry-value--secret' : ''}`}
        data-testid="entry-value"
        data-agent-text={valueInWords(entry) ? undefined : ''}
      >
        {displayValue(intl, entry)}
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
export function SecretBlock({ name, settings, busy, onOpen, testId, children }: SecretBlockProps) {
  const intl = useIntl();
  const entry = secretEntry(settings, name);
  const policy = secretPolicyNote(intl, entry, settings);
  const note = policy ?? secretFileNote(intl, entry, settings.fileKind);
  const wording = secretWording(intl, name);
  return (
    <div className="secret" data-testid={testId}>
      <p className="secret-name">{wording.name}</p>
      <p className="secret-value">
        <span className="mono" data-agent-text={entry && !valueInWords(entry) ? '' : undefined}>
          {entry ? maskedValue(intl, entry.value) : intl.formatMessage({ id: 'settings.secret.notSet' })}
        </span>{' '}
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
