// HID scanners through the whole agent: a device that behaves like node-hid's (no hardware here)
// delivers byte-exact reports; the POS sees `scan` then `card`; errors, unplug and replug, several
// scanners at once, and the OS keeping a keyboard-mode scanner on Windows.
import { afterEach, describe, expect, it } from 'vitest';
import { BOOT_KEYBOARD_DESCRIPTOR, HONEYWELL_HID_POS_DESCRIPTOR } from '../unit/fixtures/hid/descriptors';
import { FR_FR_GIFT_CARD_REPORTS } from '../unit/fixtures/hid/keystrokes';
import {
  HONEYWELL_EAN13_REPORT,
  HONEYWELL_GIFT_CARD_REPORT,
  HONEYWELL_URL_REPORT_1,
  HONEYWELL_URL_REPORT_2,
} from '../unit/fixtures/hid/pos-reports';
import { FakeHidBackend } from '../helpers/fake-hid';
import { startDemo, type Started } from '../helpers/runtime';
import { openEvents, type SseStream } from '../helpers/sse';

const HONEYWELL = {
  kind: 'hid' as const,
  path: '/dev/hidraw3',
  vendorId: 0x0c2e,
  productId: 0x0901,
  usagePage: 0x8c,
  usage: 0x02,
  product: 'Honeywell 1950g',
};
const KEYBOARD_MODE = {
  kind: 'hid' as const,
  path: '/dev/hidraw5',
  vendorId: 0x1eab,
  productId: 0x0d22,
  usagePage: 0x01,
  usage: 0x06,
  product: 'Newland FM430 (keyboard)',
};

let demo: Started | undefined;
let events: SseStream | undefined;
afterEach(async () => {
  events?.close();
  await demo?.stop();
  demo = undefined;
});

async function start(hid: FakeHidBackend, scanners: object[]) {
  demo = await startDemo({
    config: { posApi: { port: 0 }, scanners: scanners as never, cards: { dedupeMs: 0 } },
    devices: { hid },
  });
  events = await openEvents(demo.runtime.port, demo.runtime.token.value);
  return { demo, events };
}

describe('a HID POS scanner', () => {
  it('is found by its usage page, asked for HID POS output, and its report becomes scan then card', async () => {
    const hid = new FakeHidBackend();
    hid.plug(HONEYWELL, HONEYWELL_HID_POS_DESCRIPTOR);
    const { demo, events } = await start(hid, [{ kind: 'hid' }]);
    const device = hid.device(HONEYWELL.path)!;
    expect(device.featureReports).toEqual([[0xfe, 0x01]]);
    const health = await demo.api('GET', '/v1/health');
    expect(health.json.scanners).toEqual([
      expect.objectContaining({
        deviceId: 'hid:0c2e:0901',
        kind: 'hid',
        connected: true,
        usagePage: 0x8c,
        name: 'Honeywell 1950g',
      }),
    ]);

    await device.send(HONEYWELL_GIFT_CARD_REPORT);
    const scan = await events.waitFor((e) => e.event === 'scan');
    expect(scan.data).toMatchObject({
      valid: true,
      symbology: 'CODE128',
      source: { kind: 'hid', deviceId: 'hid:0c2e:0901' },
    });
    const card = await events.waitFor((e) => e.event === 'card');
    expect(card.data).toMatchObject({ scanId: scan.data.scanId, balanceMinor: 5000 });
  });

  it('joins continued reports (a QR URL with card and PIN over two reports)', async () => {
    const hid = new FakeHidBackend();
    hid.plug(HONEYWELL, HONEYWELL_HID_POS_DESCRIPTOR);
    const { events } = await start(hid, [{ kind: 'hid', vendorId: 0x0c2e, productId: 0x0901 }]);
    await hid.device(HONEYWELL.path)!.send(HONEYWELL_URL_REPORT_1, HONEYWELL_URL_REPORT_2);
    const scan = await events.waitFor((e) => e.event === 'scan');
    expect(scan.data).toMatchObject({ valid: true, symbology: 'QR', cardNumberMasked: '••••••••••••0011' });
  });

  it('refuses a product barcode with its reason, and the Scanners panel shows the masked bytes', async () => {
    const hid = new FakeHidBackend();
    hid.plug(HONEYWELL, HONEYWELL_HID_POS_DESCRIPTOR);
    const { demo, events } = await start(hid, [{ kind: 'hid' }]);
    await hid.device(HONEYWELL.path)!.send(HONEYWELL_EAN13_REPORT, HONEYWELL_GIFT_CARD_REPORT);
    await events.waitFor((e) => e.event === 'card');
    const report = await demo.runtime.agent.call('scannersReport', {});
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    const [giftCard, product] = report.value.recent;
    expect(product).toMatchObject({
      valid: false,
      aim: ']E0',
      symbology: 'EAN13',
      reason: expect.stringMatching(/product barcode/i),
    });
    expect(giftCard).toMatchObject({ valid: true, aim: ']C0' });
    expect(JSON.stringify(report.value)).not.toContain('6280390000000011');
    expect(JSON.stringify(report.value)).not.toContain('36 32 38 30 33 39 30 30 30 30 30 30 30 30'); // the digits in hex
    expect(giftCard!.rawHex).toMatch(/•• •• .*30 30 31 31/);
    expect(report.value.found).toEqual([
      expect.objectContaining({ path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0901, usagePage: 0x8c }),
    ]);
  });

  it('a read error is a detach; it is reopened while still there; unplug and replug need no restart', async () => {
    const hid = new FakeHidBackend();
    hid.plug(HONEYWELL, HONEYWELL_HID_POS_DESCRIPTOR);
    const { demo, events } = await start(hid, [{ kind: 'hid' }]);
    const first = hid.device(HONEYWELL.path)!;
    first.emit('error', new Error('could not read from HID device'));
    await events.waitFor((e) => e.event === 'scanners' && e.data.scanners[0].connected === false);
    expect(first.closed).toBe(true);
    await events.waitFor(
      (e) => e.event === 'scanners' && e.data.scanners[0].connected === true && hid.opened.length === 2,
      2000,
    );

    hid.unplug(HONEYWELL.path);
    const unplugged = Date.now();
    // The read error detaches it at once; the next enumeration (within a second) finds it gone.
    await events.waitFor(
      (e) =>
        e.event === 'scanners' &&
        !e.data.scanners[0].connected &&
        /plugged in/.test(e.data.scanners[0].problem),
      2000,
    );
    expect(Date.now() - unplugged).toBeLessThan(2000);
    expect((await demo.api('GET', '/v1/health')).json.scanners[0]).toMatchObject({
      connected: false,
      problem: expect.stringContaining('plugged in'),
    });

    hid.plug(HONEYWELL, HONEYWELL_HID_POS_DESCRIPTOR);
    const replugged = Date.now();
    await events.waitFor(
      (e) => e.event === 'scanners' && e.data.scanners[0]?.connected === true && hid.opened.length === 3,
      2000,
    );
    expect(Date.now() - replugged).toBeLessThan(2000);
    await hid.device(HONEYWELL.path)!.send(HONEYWELL_GIFT_CARD_REPORT);
    await events.waitFor((e) => e.event === 'card');
  });
});

describe('a keyboard-mode HID scanner', () => {
  it('types its code with the configured layout (fr-FR needs Shift for digits)', async () => {
    const hid = new FakeHidBackend('linux');
    hid.plug(KEYBOARD_MODE, BOOT_KEYBOARD_DESCRIPTOR);
    const { events } = await start(hid, [
      { kind: 'hid', vendorId: 0x1eab, productId: 0x0d22, layout: 'fr-FR' },
    ]);
    await hid.device(KEYBOARD_MODE.path)!.send(...FR_FR_GIFT_CARD_REPORTS);
    const card = await events.waitFor((e) => e.event === 'card');
    expect(card.data).toMatchObject({ cardNumberMasked: '••••••••••••0011', balanceMinor: 5000 });
  });

  it('on Windows, is not opened, and the problem names the fix', async () => {
    const hid = new FakeHidBackend('win32');
    hid.plug(KEYBOARD_MODE);
    const { demo } = await start(hid, [{ kind: 'hid', vendorId: 0x1eab, productId: 0x0d22 }]);
    expect(hid.opened).toEqual([]);
    const [state] = (await demo.api('GET', '/v1/health')).json.scanners;
    expect(state).toMatchObject({ connected: false, problem: expect.stringMatching(/Windows.*HID POS/s) });
  });
});

describe('several scanners at once', () => {
  it('each has its own state, and codes from both arrive', async () => {
    const hid = new FakeHidBackend('linux');
    hid.plug(HONEYWELL, HONEYWELL_HID_POS_DESCRIPTOR);
    hid.plug(KEYBOARD_MODE, BOOT_KEYBOARD_DESCRIPTOR);
    const { demo, events } = await start(hid, [
      { kind: 'hid', vendorId: 0x0c2e, productId: 0x0901, name: 'Counter' },
      { kind: 'hid', vendorId: 0x1eab, productId: 0x0d22, layout: 'fr-FR', name: 'Handheld' },
      { kind: 'keyboard' },
    ]);
    const health = (await demo.api('GET', '/v1/health')).json;
    expect(
      health.scanners.map((s: { name?: string; deviceId: string; connected: boolean }) => [
        s.name ?? s.deviceId,
        s.connected,
      ]),
    ).toEqual([
      ['Counter', true],
      ['Handheld', true],
      ['keyboard', true],
    ]);
    await hid.device(HONEYWELL.path)!.send(HONEYWELL_GIFT_CARD_REPORT);
    await hid.device(KEYBOARD_MODE.path)!.send(...FR_FR_GIFT_CARD_REPORTS);
    await events.waitFor(
      (e) => events.events.filter((x) => x.event === 'card').length === 2 && e.event === 'card',
    );
    const sources = events.events.filter((e) => e.event === 'scan').map((e) => e.data.source.deviceId);
    expect(sources.sort()).toEqual(['hid:0c2e:0901', 'hid:1eab:0d22']);
  });

  it('a failing open says what to do, and does not stop the others', async () => {
    const hid = new FakeHidBackend('linux');
    hid.plug(HONEYWELL, HONEYWELL_HID_POS_DESCRIPTOR);
    hid.plug(KEYBOARD_MODE, BOOT_KEYBOARD_DESCRIPTOR);
    hid.failOpen.add(KEYBOARD_MODE.path);
    const { demo } = await start(hid, [
      { kind: 'hid', vendorId: 0x0c2e },
      { kind: 'hid', vendorId: 0x1eab },
    ]);
    const [counter, handheld] = (await demo.api('GET', '/v1/health')).json.scanners;
    expect(counter.connected).toBe(true);
    expect(handheld).toMatchObject({ connected: false, problem: expect.stringContaining('udev') });
  });
});
