// The Settings sub-view's logic: where the config came from, each setting grouped and labelled
// with where its value came from, the two secrets (checked before they go, never kept), the
// revealed POS API token, and an expired session taking the Manager view back to the PIN.
import { describe, expect, it } from 'vitest';
import type { ApiError, Result } from '../../main/agent/contract';
import { pairsInUse, type ColourName } from '../../renderer/src/colours';
import {
  describeAuditAction,
  initialManager,
  promptWords,
  reduceManager,
  type ManagerState,
} from '../../renderer/src/manager';
import { noAnswerMessage } from '../../renderer/src/agent';
import { errorHeading } from '../../renderer/src/error-words';
import { intlFor } from '../../renderer/src/i18n/words';
import {
  checkSecret,
  describeFileKind,
  describeSource,
  displayValue,
  fileKindMessages,
  groupEntries,
  groupOf,
  initialSettings,
  reduceSettings,
  secretEntry,
  secretFileNote,
  secretWording,
  settingsProblem,
  sourceWording,
  type Settings,
  type SettingsEntry,
  type SettingsState,
} from '../../renderer/src/settings';

const en = intlFor('en-GB');

const entry = (key: string, value: string, overrides: Partial<SettingsEntry> = {}): SettingsEntry => ({
  key,
  value,
  source: 'default',
  secret: false,
  ...overrides,
});

/** The entries as the agent's settingsEntries gives them for a typical till. */
const entries: SettingsEntry[] = [
  entry('centegra.baseUrl', '"https://api.centegraplus.com/giftcards/v1"', { source: 'file' }),
  entry('centegra.timeoutMs', '8000'),
  entry('till.siteId', '"0042"', { source: 'file' }),
  entry('till.tillId', '"3"', { source: 'file' }),
  entry('currency', '"GBP"'),
  entry('closeWaitMs', '3000'),
  entry('posApi.host', '"127.0.0.1"'),
  entry('posApi.port', '7421', { source: 'command line' }),
  entry('posApi.allowedOrigins', '[]'),
  entry('scanners', '[{"kind":"hid","vendorId":3118}]', { source: 'file' }),
  entry('cards.pattern', '"^[0-9]{15,19}$"'),
  entry('desktop.startAtLogin', 'true'),
  entry('log.level', '"info"'),
  entry('ui.bringToFrontOnScan', 'true'),
  entry('queue.retentionDays', '30'),
  entry('manager.lockoutMinutes', '15'),
  entry('offline.policy', '"deny"'),
  entry('centegra.apiKey', 'set (ends …a1b2)', { source: 'secret store', secret: true }),
  entry('posApi.token', 'set (ends …9f9f)', { source: 'secret store', secret: true }),
  entry('dataDir', '"/var/lib/till-agent"'),
];

const settings = (overrides: Partial<Settings> = {}): Settings => ({
  file: '/etc/till-agent/config.json',
  fileKind: 'machine',
  demo: false,
  dataDir: '/var/lib/till-agent',
  entries,
  warnings: [],
  ...overrides,
});

const expired: ApiError = {
  code: 'MANAGER_SESSION_EXPIRED',
  message: 'The manager view has locked itself. Enter the PIN again.',
};

describe('describeFileKind', () => {
  it('names each kind of config file as IT knows it', () => {
    expect(describeFileKind(en, 'machine')).toBe('machine-wide file');
    expect(describeFileKind(en, 'user')).toBe('your own file');
    expect(describeFileKind(en, 'flag')).toBe('from --config');
    expect(describeFileKind(en, 'env')).toBe('from TILL_AGENT_CONFIG');
    expect(describeFileKind(en, 'defaults')).toBe('no file: defaults');
    expect(describeFileKind(en, 'merged')).toBe("machine-wide file, IT's policy");
    expect(Object.keys(fileKindMessages).sort()).toEqual([
      'defaults',
      'env',
      'flag',
      'machine',
      'merged',
      'user',
    ]);
  });

  it('shows a kind it does not know yet as the agent wrote it', () => {
    expect(describeFileKind(en, 'registry')).toBe('registry');
    expect(describeFileKind(en, 'toString')).toBe('toString');
  });
});

describe('describeSource', () => {
  it('labels each source in words', () => {
    expect(describeSource(en, 'file').text).toBe('file');
    expect(describeSource(en, 'default').text).toBe('default');
    expect(describeSource(en, 'command line').text).toBe('command line');
    expect(describeSource(en, 'secret store').text).toBe('secret store');
    expect(describeSource(en, 'simulator').text).toBe('simulator');
    expect(describeSource(en, 'cloud')).toEqual({ text: 'cloud', tone: 'neutral' });
  });

  it('draws every source badge in a colour pair checked for contrast', () => {
    for (const { tone } of Object.values(sourceWording)) {
      expect(
        pairsInUse.some((p) => p.fg === tone && p.bg === (`${tone}Bg` as ColourName)),
        tone,
      ).toBe(true);
    }
  });
});

describe('groupEntries', () => {
  it('groups by the first key segment, sections in the config’s order, loose settings first', () => {
    const groups = groupEntries(en, entries);
    expect(groups.map((g) => g.id)).toEqual([
      'general',
      'centegra',
      'till',
      'posApi',
      'scanners',
      'cards',
      'offline',
      'ui',
      'desktop',
      'log',
      'queue',
      'manager',
    ]);
    expect(groups[0]).toMatchObject({ title: 'General' });
    expect(groups[0]?.entries.map((e) => e.key)).toEqual(['currency', 'closeWaitMs', 'dataDir']);
    expect(groups.find((g) => g.id === 'centegra')?.entries.map((e) => e.key)).toEqual([
      'centegra.baseUrl',
      'centegra.timeoutMs',
      'centegra.apiKey',
    ]);
    expect(groups.find((g) => g.id === 'posApi')?.title).toBe('POS API');
  });

  it('puts the scanners list, a key without a dot, in the Scanners group', () => {
    expect(groupOf('scanners')).toBe('scanners');
    expect(groupOf('currency')).toBe('general');
    expect(groupOf('posApi.tls.certFile')).toBe('posApi');
  });

  it('keeps every entry once, and puts sections it does not know after the known ones, by name', () => {
    const more = [...entries, entry('zeta.one', '1'), entry('alpha.two', '2')];
    const groups = groupEntries(en, more);
    expect(groups.flatMap((g) => g.entries)).toHaveLength(more.length);
    expect(groups.slice(-2).map((g) => [g.id, g.title])).toEqual([
      ['alpha', 'alpha'],
      ['zeta', 'zeta'],
    ]);
  });

  it('gives no groups for no entries', () => {
    expect(groupEntries(en, [])).toEqual([]);
  });
});

describe('displayValue', () => {
  it('shows a string without its JSON quotes, anything else as the agent wrote it', () => {
    expect(displayValue(en, entry('till.siteId', '"0042"'))).toBe('0042');
    expect(displayValue(en, entry('centegra.timeoutMs', '8000'))).toBe('8000');
    expect(displayValue(en, entry('posApi.allowedOrigins', '["http://127.0.0.1:8080"]'))).toBe(
      '["http://127.0.0.1:8080"]',
    );
    expect(displayValue(en, entry('till', '(not set)'))).toBe('(not set)');
  });

  it('shows a secret only as the masked value given, even one that looks like JSON', () => {
    expect(displayValue(en, entry('posApi.token', '"set (ends …9f9f)"', { secret: true }))).toBe(
      '"set (ends …9f9f)"',
    );
    expect(displayValue(en, entry('centegra.apiKey', 'not set', { secret: true }))).toBe('not set');
  });
});

describe('checkSecret', () => {
  it('takes a key of at least 8 characters, trimmed', () => {
    expect(checkSecret(en, 'centegra.apiKey', '  abcd1234 \n')).toEqual({ ok: true, value: 'abcd1234' });
  });

  it('says what to fix for an empty, short or overlong value', () => {
    expect(checkSecret(en, 'centegra.apiKey', '   ')).toEqual({
      ok: false,
      message: 'Enter the Factor4 Gift Card key first.',
    });
    expect(checkSecret(en, 'centegra.apiKey', 'abc1234')).toEqual({
      ok: false,
      message: 'A Factor4 Gift Card key is at least 8 characters.',
    });
    expect(checkSecret(en, 'centegra.apiKey', 'k'.repeat(513))).toEqual({
      ok: false,
      message: 'A Factor4 Gift Card key is at most 512 characters.',
    });
  });

  it('asks 24 characters of a POS API token, as the config file does', () => {
    expect(checkSecret(en, 'posApi.token', 't'.repeat(23)).ok).toBe(false);
    expect(checkSecret(en, 'posApi.token', 't'.repeat(24))).toEqual({ ok: true, value: 't'.repeat(24) });
  });

  it('says what happens once each secret is saved', () => {
    expect(secretWording(en, 'centegra.apiKey').saved).toBe(
      'Saved, sealed on this till. Checking Centegra Plus…',
    );
    expect(secretWording(en, 'posApi.token').saved).toContain(
      'The POS must be given the new token; Till Agent uses it after a restart',
    );
  });
});

describe('secretEntry and secretFileNote', () => {
  it('finds each secret’s entry', () => {
    expect(secretEntry(settings(), 'centegra.apiKey')?.value).toBe('set (ends …a1b2)');
    expect(secretEntry(settings({ entries: [] }), 'posApi.token')).toBeUndefined();
  });

  it('warns only when the machine-wide file holds the secret, which wins at every start', () => {
    const inFile = entry('centegra.apiKey', 'set (ends …a1b2)', { source: 'file', secret: true });
    expect(secretFileNote(en, inFile, 'machine')).toContain('wins at every start');
    expect(secretFileNote(en, inFile, 'user')).toBeUndefined();
    expect(secretFileNote(en, { ...inFile, source: 'secret store' }, 'machine')).toBeUndefined();
    expect(secretFileNote(en, undefined, 'machine')).toBeUndefined();
  });
});

describe('reduceSettings', () => {
  const read = (state: SettingsState, result: Result<Settings>, seq = state.lastRead + 1): SettingsState =>
    reduceSettings(reduceSettings(state, { type: 'readStarted', seq }), {
      type: 'readAnswered',
      seq,
      result,
    });

  it('reads the settings, and drops an older read’s late answer', () => {
    const first = read(initialSettings, { ok: true, value: settings() });
    expect(first.settings?.fileKind).toBe('machine');
    expect(first.reading).toBeUndefined();
    const asked1 = reduceSettings(first, { type: 'readStarted', seq: 2 });
    const asked2 = reduceSettings(asked1, { type: 'readStarted', seq: 3 });
    const late = reduceSettings(asked2, {
      type: 'readAnswered',
      seq: 2,
      result: { ok: true, value: settings({ fileKind: 'user' }) },
    });
    expect(late).toBe(asked2);
  });

  it('says why the settings could not be read, by the error’s code, never in the agent’s words', () => {
    const state = read(initialSettings, { ok: false, error: { code: 'INTERNAL', message: 'Broken.' } });
    expect(state.problem).toEqual({ during: 'read', error: { code: 'INTERNAL', message: 'Broken.' } });
    expect(settingsProblem(en, state.problem!)).toEqual({
      heading: "Can't read the settings",
      message: errorHeading(en, 'INTERNAL'),
    });
    const silent = read(initialSettings, {
      ok: false,
      error: { code: 'INTERNAL', message: noAnswerMessage },
    });
    expect(settingsProblem(en, silent.problem!).message).toBe(noAnswerMessage);
  });

  it('saves a secret: the form closes and the screen says what happens next', () => {
    let state = reduceSettings(initialSettings, { type: 'formOpened', name: 'centegra.apiKey' });
    expect(state.form).toBe('centegra.apiKey');
    state = reduceSettings(state, { type: 'secretRefused', message: 'too short' });
    expect(state.formProblem).toBe('too short');
    state = reduceSettings(state, { type: 'saveStarted' });
    expect(state).toMatchObject({ busy: 'save', formProblem: undefined });
    // Cancel is ignored while the secret is on its way.
    expect(reduceSettings(state, { type: 'formClosed' })).toBe(state);
    state = reduceSettings(state, {
      type: 'saveAnswered',
      name: 'centegra.apiKey',
      result: { ok: true, value: {} },
    });
    expect(state).toMatchObject({ busy: undefined, form: undefined, saved: 'centegra.apiKey' });
  });

  it('keeps the form open, with the reason, when the agent refuses the secret', () => {
    let state = reduceSettings(initialSettings, { type: 'formOpened', name: 'posApi.token' });
    state = reduceSettings(state, { type: 'saveStarted' });
    state = reduceSettings(state, {
      type: 'saveAnswered',
      name: 'posApi.token',
      result: { ok: false, error: { code: 'STORAGE_FAILED', message: 'The secret could not be stored.' } },
    });
    expect(state.form).toBe('posApi.token');
    expect(settingsProblem(en, state.problem!)).toEqual({
      heading: 'The POS API token was not saved',
      message: 'The secret could not be stored. Check the disk, then try again.',
    });
  });

  it('shows the token until it is hidden, and forgets it then', () => {
    let state = reduceSettings(initialSettings, { type: 'revealStarted' });
    expect(state.busy).toBe('reveal');
    state = reduceSettings(state, {
      type: 'revealAnswered',
      result: { ok: true, value: { token: 'tok-123' } },
    });
    expect(state.revealed).toBe('tok-123');
    state = reduceSettings(state, { type: 'copied', how: 'selected' });
    expect(state.copied).toBe('selected');
    state = reduceSettings(state, { type: 'hidden' });
    expect(state.revealed).toBeUndefined();
    expect(state.copied).toBeUndefined();
    expect(JSON.stringify(state)).not.toContain('tok-123');
    // Nothing to copy once hidden.
    expect(reduceSettings(state, { type: 'copied', how: 'copied' })).toBe(state);
  });

  it('says why the token could not be shown', () => {
    let state = reduceSettings(initialSettings, { type: 'revealStarted' });
    state = reduceSettings(state, {
      type: 'revealAnswered',
      result: { ok: false, error: { code: 'NOT_FOUND', message: 'No POS API token is set yet.' } },
    });
    expect(settingsProblem(en, state.problem!)).toEqual({
      heading: "Can't show the POS API token",
      message: 'No POS API token is set yet; it is made at the first start.',
    });
    expect(state.revealed).toBeUndefined();
  });
});

describe('an expired session in a sub-view', () => {
  const open: ManagerState = { ...initialManager, session: 's-1', view: 'settings' };

  it('goes back to the PIN prompt and says why', () => {
    const state = reduceManager(open, { type: 'subViewRefused', session: 's-1', error: expired });
    expect(state.session).toBeUndefined();
    expect(state.view).toBe('queue');
    expect(state.prompt).toMatchObject({ code: 'MANAGER_SESSION_EXPIRED' });
    expect(promptWords(en, state.prompt!).heading).toBe('Manager view locked itself');
  });

  it('is ignored for another session, and any other refusal is the sub-view’s own', () => {
    expect(reduceManager(open, { type: 'subViewRefused', session: 's-0', error: expired })).toBe(open);
    const other: ApiError = { code: 'NOT_FOUND', message: 'No token.' };
    expect(reduceManager(open, { type: 'subViewRefused', session: 's-1', error: other })).toBe(open);
  });

  it('the audit names the new actions', () => {
    expect(describeAuditAction(en, 'SET_SECRET')).toBe('Secret entered');
    expect(describeAuditAction(en, 'REVEAL_POS_TOKEN')).toBe('POS API token shown');
    expect(describeAuditAction(en, 'SUPPORT_BUNDLE')).toBe('Support bundle made');
  });
});
