// A serial scanner end to end: a barcode written to a real pseudo-terminal (socat) comes out of the
// POS API's event stream as `scan` then `card`, with the balance; unplug and replug need no restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCards } from '../../main/centegra-sim';
import { ptyPair, type PtyPair } from '../helpers/pty';
import { startDemo, type Started } from '../helpers/runtime';
import { openEvents, type SseStream } from '../helpers/sse';
import { tempDir } from '../helpers/tmp';

let demo: Started;
let pty: PtyPair;
let events: SseStream;
const dir = tempDir();

beforeAll(async () => {
  pty = ptyPair(dir.dir);
  await pty.start();
  demo = await startDemo({
    config: {
      posApi: { port: 0 },
      scanners: [{ kind: 'serial', path: pty.device, name: 'Front till scanner' }],
    },
  });
  events = await openEvents(demo.runtime.port, demo.runtime.token.value);
});

afterAll(async () => {
  events?.close();
  await demo?.stop();
  await pty?.stop();
  dir.remove();
});

const card = (n: number) => demoCards[n]!.cardNumber;

describe('a serial scanner on a pty', () => {
  it('is connected, and says so in /v1/health', async () => {
    const health = await demo.api('GET', '/v1/health');
    expect(health.json.scanners).toEqual([
      expect.objectContaining({
        deviceId: `serial:${pty.device}`,
        kind: 'serial',
        name: 'Front till scanner',
        connected: true,
        path: pty.device,
      }),
    ]);
  });

  it('a barcode + CR becomes a scan event, then a card event with the balance', async () => {
    pty.write(`${card(0)}\r`);
    const scan = await events.waitFor((e) => e.event === 'scan');
    expect(scan.data).toMatchObject({
      valid: true,
      cardNumberMasked: '••••••••••••0011',
      source: { kind: 'serial', deviceId: `serial:${pty.device}` },
    });
    const found = await events.waitFor((e) => e.event === 'card' && e.data.scanId === scan.data.scanId);
    expect(found.data).toMatchObject({ balanceMinor: 5000, status: 'ACTIVE', currency: 'GBP' });
    expect(events.events.findIndex((e) => e === scan)).toBeLessThan(
      events.events.findIndex((e) => e === found),
    );
    // The full number never leaves the agent.
    expect(JSON.stringify(events.events)).not.toContain(card(0));
    const scans = await demo.api('GET', '/v1/scans');
    expect(scans.json.scans[0]).toMatchObject({ scanId: scan.data.scanId, valid: true });
    const again = await demo.api('POST', '/v1/cards/inquiry', { body: { scanId: scan.data.scanId } });
    expect(again.json).toMatchObject({ scanId: scan.data.scanId, balanceMinor: 5000 });
  });

  it('the same card again within the dedupe window is one scan', async () => {
    const before = events.events.filter((e) => e.event === 'scan').length;
    pty.write(`${card(0)}\r`);
    pty.write(`${card(6)}\r\n`);
    await events.waitFor((e) => e.event === 'card' && e.data.balanceMinor === 25000);
    expect(events.events.filter((e) => e.event === 'scan').length).toBe(before + 1);
  });

  it('a product barcode is a scan that is not a gift card, with its reason', async () => {
    pty.write('5012345678900\r');
    const scan = await events.waitFor((e) => e.event === 'scan' && e.data.valid === false);
    expect(scan.data.reason).toMatch(/product barcode/i);
  });

  it('a failed lookup after a scan is a cardError event the screen can show', async () => {
    demo.runtime.simulator!.setFaults({ keyDisabled: true });
    try {
      pty.write(`${card(1)}\r`);
      const error = await events.waitFor((e) => e.event === 'cardError');
      expect(error.data.error).toMatchObject({ code: 'CENTEGRA_KEY_DISABLED' });
    } finally {
      demo.runtime.simulator!.clearFaults();
    }
  });

  it('unplug: noticed within 2 s; replug: reopened, no restart, and it reads again', async () => {
    await pty.stop();
    const unplugged = Date.now();
    await events.waitFor((e) => e.event === 'scanners' && e.data.scanners[0].connected === false, 2000);
    expect(Date.now() - unplugged).toBeLessThan(2000);
    const health = await demo.api('GET', '/v1/health');
    expect(health.json.scanners[0]).toMatchObject({ connected: false, problem: expect.any(String) });

    const seen = events.events.length;
    await pty.start();
    await events.waitFor(
      (e) =>
        e.event === 'scanners' && e.data.scanners[0].connected === true && events.events.indexOf(e) >= seen,
      2000,
    );
    pty.write(`${card(2)}\r`);
    const found = await events.waitFor((e) => e.event === 'card' && e.data.cardNumberMasked.endsWith('0037'));
    expect(found.data.balanceMinor).toBe(0);
  });
});
