// The Settings view's words, in English as before and in Welsh: kinds of file, sources, sections,
// a secret's mask, what is typed wrong, the notes on a secret IT's file holds, and a refusal put
// into words by its code (the agent's English message never shown).
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../main/agent/contract';
import { errorHeading } from '../../renderer/src/error-words';
import { intlFor } from '../../renderer/src/i18n/words';
import {
  checkSecret,
  describeFileKind,
  describeSource,
  displayValue,
  groupEntries,
  secretFileNote,
  secretNames,
  secretPolicyNote,
  secretWording,
  settingsProblem,
  valueInWords,
  type SettingsEntry,
} from '../../renderer/src/settings';

const en = intlFor('en-GB');
const cy = intlFor('cy-GB');
const IT_FILE = '/etc/till-agent/config.json';

const entry = (key: string, value: string, overrides: Partial<SettingsEntry> = {}): SettingsEntry => ({
  key,
  value,
  source: 'default',
  secret: false,
  ...overrides,
});

const refusal = (code: string, message = 'The agent’s own English.'): ApiError =>
  ({ code, message }) as ApiError;

describe('where the config came from', () => {
  it('names each kind of file and each source in Welsh, and keeps one it does not know as written', () => {
    expect(describeFileKind(cy, 'machine')).toBe('ffeil y peiriant cyfan');
    expect(describeFileKind(cy, 'merged')).toBe('ffeil y peiriant cyfan, polisi TG');
    expect(describeFileKind(cy, 'registry')).toBe('registry');
    expect(describeSource(cy, 'set by IT')).toEqual({ text: 'wedi’i osod gan TG', tone: 'badge' });
    expect(describeSource(cy, 'secret store')).toEqual({ text: 'storfa gyfrinachau', tone: 'good' });
    expect(describeSource(en, 'host name').text).toBe('host name');
    expect(describeSource(cy, 'cloud')).toEqual({ text: 'cloud', tone: 'neutral' });
  });

  it('titles the sections in Welsh, a section it does not know by its name', () => {
    const groups = groupEntries(cy, [
      entry('till.siteId', '"S1"'),
      entry('currency', '"GBP"'),
      entry('zeta.x', '1'),
    ]);
    expect(groups.map((g) => g.title)).toEqual(['Cyffredinol', 'Y til hwn', 'zeta']);
    expect(groupEntries(en, [entry('till.siteId', '"S1"')])[0]?.title).toBe('This till');
  });
});

describe('values', () => {
  it('puts a secret’s mask and a missing value into words, and leaves data as it is', () => {
    const key = entry('centegra.apiKey', 'set (ends …a1b2)', { secret: true });
    expect(displayValue(en, key)).toBe('set (ends …a1b2)');
    expect(displayValue(cy, key)).toBe('wedi’i osod (yn gorffen …a1b2)');
    expect(displayValue(cy, entry('posApi.token', 'not set', { secret: true }))).toBe('heb ei osod');
    expect(displayValue(cy, entry('manager.pinHash', 'set', { secret: true }))).toBe('wedi’i osod');
    expect(displayValue(en, entry('till', '(not set)'))).toBe('(not set)');
    expect(displayValue(cy, entry('till', '(not set)'))).toBe('(heb ei osod)');
    expect(displayValue(cy, entry('till.siteId', '"S001"'))).toBe('S001');
    expect(valueInWords(key)).toBe(true);
    expect(valueInWords(entry('till.siteId', '"S001"'))).toBe(false);
    expect(valueInWords(entry('x', 'sealed', { secret: true }))).toBe(false);
  });
});

describe('the two secrets', () => {
  it('has every word of each secret in Welsh, none left in English', () => {
    for (const name of secretNames) {
      const english = secretWording(en, name);
      const welsh = secretWording(cy, name);
      for (const field of ['action', 'hint', 'save', 'saved'] as const) {
        expect(welsh[field], `${name} ${field}`).not.toBe('');
        expect(welsh[field], `${name} ${field}`).not.toBe(english[field]);
      }
    }
    expect(secretWording(en, 'centegra.apiKey').hint).toContain('At least 8 characters.');
    expect(secretWording(cy, 'posApi.token').hint).toContain('O leiaf 24 nod');
  });

  it('says what to fix in what was typed, in English as before and in Welsh', () => {
    expect(checkSecret(en, 'posApi.token', 'short')).toEqual({
      ok: false,
      message: 'A POS API token is at least 24 characters.',
    });
    expect(checkSecret(en, 'posApi.token', ' ')).toEqual({
      ok: false,
      message: 'Enter the POS API token first.',
    });
    expect(checkSecret(cy, 'centegra.apiKey', '')).toEqual({
      ok: false,
      message: 'Rhowch yr allwedd Cerdyn Rhodd Factor4 yn gyntaf.',
    });
    expect(checkSecret(cy, 'centegra.apiKey', 'abc')).toEqual({
      ok: false,
      message: 'Rhaid i’r allwedd Cerdyn Rhodd Factor4 fod yn 8 nod o leiaf.',
    });
    expect(checkSecret(cy, 'centegra.apiKey', 'k'.repeat(513))).toEqual({
      ok: false,
      message: 'Ni all yr allwedd Cerdyn Rhodd Factor4 fod yn fwy na 512 nod.',
    });
    expect(checkSecret(cy, 'centegra.apiKey', 'abcd1234')).toEqual({ ok: true, value: 'abcd1234' });
  });

  it('says who can change a secret IT sets, naming the file when there is one', () => {
    const itKey = entry('centegra.apiKey', 'set', { source: 'set by IT', secret: true });
    expect(secretPolicyNote(en, itKey, { file: IT_FILE })).toBe(
      `Set by IT in ${IT_FILE}; ask IT to change it.`,
    );
    expect(secretPolicyNote(en, itKey, {})).toBe('Set by IT in the machine-wide file; ask IT to change it.');
    expect(secretPolicyNote(cy, itKey, { file: IT_FILE })).toBe(
      `Wedi’i osod gan TG yn ${IT_FILE}; gofynnwch i TG ei newid.`,
    );
    expect(secretPolicyNote(cy, { ...itKey, source: 'file' }, { file: IT_FILE })).toBeUndefined();
    const inFile = { ...itKey, source: 'file' as const };
    expect(secretFileNote(cy, inFile, 'machine')).toMatch(/^Mae ffeil y peiriant cyfan/);
  });
});

describe('a refusal, by its code', () => {
  const save = (name: 'centegra.apiKey' | 'posApi.token', error: ApiError) =>
    ({ during: 'save', name, error }) as const;

  it('says in English what the agent says today, without reading its message', () => {
    expect(settingsProblem(en, save('centegra.apiKey', refusal('FORBIDDEN')), { file: IT_FILE })).toEqual({
      heading: 'The Factor4 Gift Card key was not saved',
      message: `The Factor4 Gift Card key is set by IT in ${IT_FILE}; ask IT to change it.`,
    });
    expect(settingsProblem(en, save('posApi.token', refusal('BAD_REQUEST'))).message).toBe(
      'A POS API token is at least 24 characters.',
    );
    expect(settingsProblem(en, save('posApi.token', refusal('INTERNAL'))).message).toBe(
      'This till keeps no secret store.',
    );
    expect(settingsProblem(en, save('posApi.token', refusal('FORBIDDEN'))).message).toBe(
      'Set by IT in the machine-wide file; ask IT to change it.',
    );
  });

  it('says it in Welsh, and a code these calls do not expect by its heading', () => {
    expect(settingsProblem(cy, save('posApi.token', refusal('FORBIDDEN')), { file: IT_FILE })).toEqual({
      heading: 'Ni chafodd y tocyn POS API ei gadw',
      message: `Mae’r tocyn POS API wedi’i osod gan TG yn ${IT_FILE}; gofynnwch i TG ei newid.`,
    });
    expect(settingsProblem(cy, save('centegra.apiKey', refusal('STORAGE_FAILED'))).message).toBe(
      'Methu cadw’r gyfrinach. Gwiriwch y ddisg, yna rhowch gynnig arall arni.',
    );
    expect(settingsProblem(cy, { during: 'reveal', error: refusal('NOT_FOUND') })).toEqual({
      heading: 'Methu dangos y tocyn POS API',
      message: 'Does dim tocyn POS API wedi’i osod eto; caiff ei wneud y tro cyntaf i’r til gychwyn.',
    });
    const locked = settingsProblem(cy, { during: 'read', error: refusal('MANAGER_LOCKED') });
    expect(locked).toEqual({
      heading: 'Methu darllen y gosodiadau',
      message: errorHeading(cy, 'MANAGER_LOCKED'),
    });
    expect(locked.message).not.toContain('English');
  });
});
