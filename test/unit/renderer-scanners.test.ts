// The Scanners panel's state and words: newest report wins, ids in hex, usage pages named, and each
// recent code's bytes and outcome as IT needs them.
import { describe, expect, it } from 'vitest';
import type { ScannerState } from '../../main/agent/contract';
import { intlFor } from '../../renderer/src/i18n/words';
import {
  configEntry,
  configuredAs,
  describeKind,
  describeOutcome,
  describeUsage,
  describeUsagePage,
  initialPanel,
  newestFirst,
  reducePanel,
  textParts,
  usbId,
  type PanelAction,
  type PanelState,
  type ScannersReport,
  type ScanTrace,
} from '../../renderer/src/scanners';
import { formatTimeToTheSecond } from '../../renderer/src/format';

const en = intlFor('en-GB');
const cy = intlFor('cy-GB');

const honeywell: ScannerState = {
  deviceId: 'hid:0c2e:0b61',
  kind: 'hid',
  name: 'Till 1 handheld',
  connected: false,
  path: '/dev/hidraw3',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  usagePage: 0x8c,
  problem: 'Permission denied on /dev/hidraw3: install the udev rule from the README, then replug.',
};

const report: ScannersReport = {
  scanners: [honeywell],
  found: [
    { kind: 'hid', path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 2 },
  ],
  recent: [],
};

const run = (...actions: PanelAction[]): PanelState => actions.reduce(reducePanel, initialPanel);

describe('the panel state', () => {
  it('shows the newest report and when it was read', () => {
    const state = run(
      { type: 'requested', requestId: 1 },
      { type: 'answered', requestId: 1, result: { ok: true, value: report }, at: '2025-03-03T14:32:05Z' },
    );
    expect(state).toEqual({ report, loading: false, lastRequest: 1, readAt: '2025-03-03T14:32:05Z' });
  });

  it('drops an older answer that comes after a newer request (Refresh pressed twice)', () => {
    const state = run(
      { type: 'requested', requestId: 1 },
      { type: 'requested', requestId: 2 },
      { type: 'answered', requestId: 1, result: { ok: true, value: report }, at: 'x' },
    );
    expect(state.report).toBeUndefined();
    expect(state.loading).toBe(true);
  });

  it('keeps the last report when a read fails, and says why', () => {
    const error = { code: 'INTERNAL' as const, message: "Till Agent didn't answer." };
    const state = run(
      { type: 'requested', requestId: 1 },
      { type: 'answered', requestId: 1, result: { ok: true, value: report }, at: 'x' },
      { type: 'requested', requestId: 2 },
      { type: 'answered', requestId: 2, result: { ok: false, error }, at: 'y' },
    );
    expect(state.report).toBe(report);
    expect(state.problem).toEqual(error);
    expect(state.loading).toBe(false);
  });

  it('takes scanner states from a scanners event at once', () => {
    const plugged = { ...honeywell, connected: true, problem: undefined };
    const state = run(
      { type: 'requested', requestId: 1 },
      { type: 'answered', requestId: 1, result: { ok: true, value: report }, at: 'x' },
      { type: 'scannersChanged', scanners: [plugged] },
    );
    expect(state.report?.scanners).toEqual([plugged]);
    expect(state.report?.found).toBe(report.found);
    expect(run({ type: 'scannersChanged', scanners: [plugged] }).report).toBeUndefined();
  });
});

describe('ids and usages', () => {
  it('writes vendor:product as 4-digit hex, as lsusb does', () => {
    expect(usbId(0x0c2e, 0x0b61)).toBe('0c2e:0b61');
    expect(usbId(0x05e0, 0x1200)).toBe('05e0:1200');
    expect(usbId(1, 2)).toBe('0001:0002');
    expect(usbId(0x0c2e, undefined)).toBeUndefined();
  });

  it('names the usage pages IT meets', () => {
    expect(describeUsagePage(en, 0x8c)).toBe('0x8C (HID POS)');
    expect(describeUsagePage(en, 0x01)).toBe('0x01 (keyboard)');
    expect(describeUsagePage(en, 0xff45)).toBe('0xFF45 (vendor-defined)');
    expect(describeUsagePage(en, 0x0d)).toBe('0x0D');
    expect(describeUsage(en, 0x8c, 0x02)).toBe('0x8C / 0x02 (HID POS barcode scanner)');
    expect(describeUsage(en, 0x01, 0x06)).toBe('0x01 / 0x06 (keyboard)');
    expect(describeUsage(en, undefined, undefined)).toBeUndefined();
    expect(describeUsage(en, undefined, 0x02)).toBe('usage 0x02');
    expect(describeUsage(en, 0x01, 0x02)).toBe('0x01 / 0x02 (mouse)');
    expect(describeUsage(en, 0xff45, 0x01)).toBe('0xFF45 (vendor-defined) / 0x01');
  });

  it('names the usage pages and kinds in Welsh, the figures as they are', () => {
    expect(describeUsagePage(cy, 0x01)).toBe('0x01 (bysellfwrdd)');
    expect(describeUsagePage(cy, 0x8c)).toBe('0x8C (HID POS)');
    expect(describeUsage(cy, 0x8c, 0x02)).toBe('0x8C / 0x02 (sganiwr cod bar HID POS)');
    expect(describeUsage(cy, 0x01, 0x02)).toBe('0x01 / 0x02 (llygoden)');
    expect(describeKind(cy, 'serial')).toBe('Cyfresol');
    expect(describeKind(cy, 'keyboard')).toBe('Bysellfwrdd (yn teipio i’r ffenest hon)');
  });

  it('names the kinds in English, and one it does not know by the agent’s name', () => {
    expect(describeKind(en, 'hid')).toBe('USB HID');
    expect(describeKind(en, 'serial')).toBe('Serial');
    expect(describeKind(en, 'keyboard')).toBe('Keyboard (types into this window)');
    expect(describeKind(en, 'bluetooth')).toBe('bluetooth');
  });

  it('gives a found device’s entry for the JSON config, with decimal ids', () => {
    expect(configEntry(report.found[0]!)).toBe(
      '{ "kind": "hid", "vendorId": 3118, "productId": 2913, "usagePage": 140 }',
    );
    expect(configEntry({ kind: 'serial', path: '/dev/ttyACM0' })).toBe(
      '{ "kind": "serial", "path": "/dev/ttyACM0" }',
    );
    expect(JSON.parse(configEntry(report.found[0]!))).toEqual({
      kind: 'hid',
      vendorId: 3118,
      productId: 2913,
      usagePage: 140,
    });
  });

  it('tells which found devices are already configured', () => {
    expect(configuredAs(report.found[0]!, [honeywell])).toBe(honeywell);
    expect(configuredAs({ kind: 'serial', path: 'COM3' }, [honeywell])).toBeUndefined();
    expect(
      configuredAs({ kind: 'hid', path: '/dev/hidraw4', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 1 }, [
        honeywell,
      ]),
    ).toBeUndefined();
  });
});

describe('recent codes', () => {
  const trace = (at: string, over: Partial<ScanTrace> = {}): ScanTrace => ({
    at,
    deviceId: 'keyboard',
    rawHex: '36 32 •• •• 30 30 31 31 0d',
    text: '62••••0011\r',
    valid: false,
    reason: 'That code ends in CR: set the scanner suffix to CR in the config.',
    repeat: false,
    ...over,
  });

  it('names the control characters, so a wrong suffix or a GS shows', () => {
    expect(textParts('62••••0011\r')).toEqual([{ text: '62••••0011' }, { control: 'CR', code: 0x0d }]);
    expect(textParts(`01${'\u001d'}10\t\n`)).toEqual([
      { text: '01' },
      { control: 'GS', code: 0x1d },
      { text: '10' },
      { control: 'TAB', code: 0x09 },
      { control: 'LF', code: 0x0a },
    ]);
    expect(textParts('\u0007\u007f')).toEqual([
      { control: '0x07', code: 7 },
      { control: 'DEL', code: 0x7f },
    ]);
    expect(textParts('')).toEqual([]);
  });

  it('says what a code was read as', () => {
    expect(describeOutcome(en, { valid: true, form: 'pan' })).toMatchObject({
      text: 'Gift card (pan)',
      tone: 'good',
    });
    expect(describeOutcome(en, { valid: true })).toMatchObject({ text: 'Gift card' });
    expect(describeOutcome(en, trace('2025-03-03T14:32:05Z'))).toMatchObject({
      text: 'That code ends in CR: set the scanner suffix to CR in the config.',
      agentText: true,
      tone: 'warning',
      shape: 'triangle',
    });
    expect(describeOutcome(en, { valid: false })).toEqual({
      text: 'Not a gift card',
      tone: 'warning',
      shape: 'triangle',
    });
  });

  it('says what a code was read as in Welsh; the agent’s own reason stays its English, marked', () => {
    expect(describeOutcome(cy, { valid: true, form: 'gs1' }).text).toBe('Cerdyn rhodd (gs1)');
    expect(describeOutcome(cy, { valid: true }).text).toBe('Cerdyn rhodd');
    expect(describeOutcome(cy, { valid: false }).text).toBe('Ddim yn gerdyn rhodd');
    expect(describeOutcome(cy, { valid: false, reason: 'Too short.' })).toMatchObject({
      text: 'Too short.',
      agentText: true,
    });
  });

  it('lists newest first whatever order they came in', () => {
    const a = trace('2025-03-03T14:32:05Z');
    const b = trace('2025-03-03T14:33:00Z');
    const c = trace('2025-03-03T14:31:00Z');
    expect(newestFirst([c, a, b])).toEqual([b, a, c]);
  });

  it('shows times to the second, with the day when not today', () => {
    const now = new Date('2025-03-03T18:00:00Z');
    expect(formatTimeToTheSecond('2025-03-03T14:32:05Z', now, 'en-GB', 'UTC')).toBe('14:32:05');
    expect(formatTimeToTheSecond('2025-03-01T09:05:00Z', now, 'en-GB', 'UTC')).toBe('1 Mar 2025, 09:05:00');
    expect(formatTimeToTheSecond('not a time', now, 'en-GB', 'UTC')).toBe('not a time');
  });

  it('writes an earlier day by Intl for a Welsh screen', () => {
    const now = new Date('2025-03-03T18:00:00Z');
    expect(formatTimeToTheSecond('2025-03-03T14:32:05Z', now, cy.locale, 'UTC')).toBe('14:32:05');
    expect(formatTimeToTheSecond('2025-03-01T09:05:00Z', now, cy.locale, 'UTC')).toBe('1 Maw 2025, 09:05:00');
  });
});
