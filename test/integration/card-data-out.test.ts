// Card data out of every output of a running agent (issue 15): every form the decoder accepts a
// card in is scanned through the real agent (the screen's keyboard-wedge submission), then
// /v1/scans, the scanners report, agent.log and every file of the support bundle fetched through
// the POS API are searched for each number (plain, spaced, dashed, its last 8 digits) and PIN,
// as text and as hex.
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../main/centegra-sim';
import { startRuntime } from '../../main/runtime';
import { CARD_DATA_SCHEME, CARD_FORMS, leaksIn } from '../helpers/card-data';
import { tillFolder } from '../helpers/till-folder';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const TOKEN = 'pos-token-card-data-0123456789abcdef';

async function tillAfterScanning() {
  const sim = await startSimulator({ quiet: true, apiKey: 'card-data-test-key-0123456789' });
  cleanups.push(() => sim.close());
  const till = tillFolder({
    centegra: { baseUrl: sim.baseUrl, apiKey: 'card-data-test-key-0123456789', timeoutMs: 1000 },
    till: { siteId: 'S9', tillId: 'T9' },
    posApi: { port: 0, token: TOKEN },
    log: { level: 'debug' },
    cards: { ...CARD_DATA_SCHEME, dedupeMs: 0 },
  });
  cleanups.push(till.remove);
  const runtime = await startRuntime({ loaded: till.load(), version: 'test' });
  cleanups.push(() => runtime.close());
  const answers = [];
  for (const row of CARD_FORMS)
    answers.push(await runtime.agent.call('submitKeyboardScan', { text: row.text }));
  // Each valid scan starts an inquiry with its PIN: let them answer (and log) before reading.
  await new Promise((r) => setTimeout(r, 500));
  runtime.log.flush();
  await new Promise((r) => setTimeout(r, 100));
  const get = (path: string) =>
    fetch(`${runtime.origin}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { runtime, answers, get };
}

describe('card data out of every output', () => {
  it('every accepted form: no number or PIN in /v1/scans, the scanners report, agent.log or the support bundle', async () => {
    const { runtime, answers, get } = await tillAfterScanning();
    expect(answers.map((a) => a.ok && a.value.valid)).toEqual(CARD_FORMS.map(() => true));

    const scans = await get('/v1/scans');
    expect(scans.status).toBe(200);
    const report = await runtime.agent.call('scannersReport', {});
    expect(report.ok && report.value.recent.length).toBe(Math.min(CARD_FORMS.length, 50));
    const bundle = await get('/v1/support-bundle');
    expect(bundle.status).toBe(200);
    const files = unzipSync(new Uint8Array(await bundle.arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['scanners.json', 'logs/agent.log']));

    const outputs: Record<string, string> = {
      '/v1/scans': await scans.text(),
      scannersReport: JSON.stringify(report),
      ...Object.fromEntries(runtime.log.files().map((f) => [f, fs.readFileSync(f, 'utf8')])),
      ...Object.fromEntries(Object.entries(files).map(([name, data]) => [`bundle:${name}`, strFromU8(data)])),
    };
    // What the panel is for is still there: the forms and the last 4 digits of each number.
    expect(outputs['bundle:scanners.json']).toContain('"form": "gs1"');
    expect(outputs['bundle:scanners.json']).toContain(CARD_FORMS[3]!.card.slice(-4));

    const found: string[] = [];
    for (const row of CARD_FORMS) {
      for (const [where, text] of Object.entries(outputs)) {
        for (const spelling of leaksIn(text, row)) found.push(`${row.name}: ${spelling} in ${where}`);
      }
    }
    expect(found).toEqual([]);
  }, 60_000);
});
