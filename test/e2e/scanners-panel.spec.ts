// The Scanners panel for IT, in Chromium against the built screen: configured scanners and their
// problems, the devices the agent found (ids in hex), the last codes as bytes, and the way back.
import { expect, test, type Page } from '@playwright/test';
import type { Result, ScannerState } from '../../main/agent/contract';
import {
  emitEvent,
  fakeAgentInitScript,
  fakeAgentRecord,
  healthAnswer,
  type FakeAgentScript,
  type ScannersReport,
} from './fixtures/fake-agent';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();

const handheld: ScannerState = {
  deviceId: 'hid:0c2e:0b61',
  kind: 'hid',
  name: 'Till 1 handheld',
  connected: true,
  path: '/dev/hidraw3',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  usagePage: 0x8c,
  lastScanAt: new Date().toISOString(),
};

const cradle: ScannerState = {
  deviceId: 'serial:COM3',
  kind: 'serial',
  connected: false,
  path: 'COM3',
  problem: 'COM3 is in use by another program. Close the other program (or its service), then press Refresh.',
};

const minutesAgo = (n: number): string => new Date(Date.now() - n * 60_000).toISOString();

const fullReport: ScannersReport = {
  scanners: [handheld, cradle],
  found: [
    {
      kind: 'hid',
      path: '/dev/hidraw3',
      vendorId: 0x0c2e,
      productId: 0x0b61,
      usagePage: 0x8c,
      usage: 0x02,
      manufacturer: 'Honeywell',
      product: 'Voyager 1450g',
    },
    {
      kind: 'hid',
      path: '/dev/hidraw5',
      vendorId: 0x05e0,
      productId: 0x1200,
      usagePage: 0x01,
      usage: 0x06,
      manufacturer: 'Symbol',
      product: 'Bar Code Scanner',
    },
  ],
  recent: [
    {
      at: minutesAgo(5),
      deviceId: 'hid:0c2e:0b61',
      rawHex: '5d 45 30 35 30 31 32 33 34 35 36 37 38 39 30 30',
      aim: ']E0',
      symbology: 'EAN-13',
      text: '5012345678900',
      valid: false,
      reason: 'That is a product barcode (EAN-13), not a gift card.',
      repeat: false,
    },
    {
      at: minutesAgo(1),
      deviceId: 'keyboard',
      rawHex: '•• •• •• •• •• •• •• •• •• •• •• •• 30 30 31 31 0a',
      text: '••••••••••••0011\n',
      valid: false,
      reason: 'The code ends in LF: set this scanner’s suffix to CR, or add "\\n" to its suffix list.',
      repeat: false,
    },
    {
      at: minutesAgo(3),
      deviceId: 'hid:0c2e:0b61',
      rawHex: '5d 43 30 •• •• •• •• •• •• •• •• •• •• •• •• 30 30 31 31',
      aim: ']C0',
      symbology: 'Code 128',
      text: '••••••••••••0011',
      valid: true,
      form: 'pan',
      repeat: true,
    },
  ],
};

const ok = (value: ScannersReport): Result<ScannersReport> => ({ ok: true, value });

async function openScreen(page: Page, script: Partial<FakeAgentScript> = {}): Promise<void> {
  await page.addInitScript(fakeAgentInitScript({ health: [healthAnswer()], ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('link')).toContainText('Online');
}

const scannersTab = (page: Page) => page.getByRole('button', { name: /^Scanners/ });
const tillTab = (page: Page) => page.getByRole('button', { name: 'Till', exact: true });
const heading = (page: Page) => page.getByRole('heading', { name: 'Scanners', level: 2 });

async function reportReads(page: Page): Promise<number> {
  return (await fakeAgentRecord(page)).calls.filter((c) => c.op === 'scannersReport').length;
}

test('shows each configured scanner: connected or not in words and shape, ids in hex, and its problem', async ({
  page,
}) => {
  await openScreen(page, { scannersReports: [ok(fullReport)] });
  await scannersTab(page).click();
  await expect(heading(page)).toBeFocused();
  await expect(scannersTab(page)).toHaveAttribute('aria-current', 'page');

  const scanners = page.getByTestId('scanner');
  await expect(scanners).toHaveCount(2);
  const first = scanners.nth(0);
  await expect(first.getByRole('heading', { level: 4 })).toHaveText('Till 1 handheld');
  await expect(first.getByTestId('scanner-connection')).toHaveText('Connected');
  await expect(first.getByTestId('scanner-connection').locator('.shape--circle')).toHaveCount(1);
  await expect(first).toContainText('hid:0c2e:0b61');
  await expect(first).toContainText('/dev/hidraw3');
  await expect(first).toContainText('0c2e:0b61');
  await expect(first).toContainText('0x8C (HID POS)');
  await expect(first).toContainText('USB HID');
  await expect(first.getByTestId('scanner-problem')).toHaveCount(0);

  const second = scanners.nth(1);
  await expect(second.getByRole('heading', { level: 4 })).toHaveText('serial:COM3');
  await expect(second.getByTestId('scanner-connection')).toHaveText('Not connected');
  await expect(second.getByTestId('scanner-connection').locator('.shape--cross')).toHaveCount(1);
  await expect(second.getByTestId('scanner-problem')).toContainText(
    'COM3 is in use by another program. Close the other program (or its service), then press Refresh.',
  );
  await expect(second).toContainText('none yet');
  await page.screenshot({ path: test.info().outputPath('scanners-400x640.png'), fullPage: true });
});

test('lists the devices found, with vendor:product in hex and the entry to paste into the config', async ({
  page,
}) => {
  await openScreen(page, { scannersReports: [ok(fullReport)] });
  await scannersTab(page).click();
  const found = page.getByTestId('found-device');
  await expect(found).toHaveCount(2);
  await expect(found.nth(0)).toContainText('Honeywell Voyager 1450g');
  await expect(found.nth(0)).toContainText('0c2e:0b61');
  await expect(found.nth(0)).toContainText('0x8C / 0x02 (HID POS barcode scanner)');
  await expect(found.nth(0)).toContainText('In the config as Till 1 handheld');

  await expect(found.nth(1)).toContainText('05e0:1200');
  await expect(found.nth(1)).toContainText('0x01 / 0x06 (keyboard)');
  await expect(found.nth(1)).toContainText('/dev/hidraw5');
  await expect(found.nth(1)).toContainText('Not in the config');
  await expect(found.nth(1)).toContainText(
    '{ "kind": "hid", "vendorId": 1504, "productId": 4608, "usagePage": 1 }',
  );
});

test('shows the recent codes newest first: bytes in hex, the text with its control characters, the outcome', async ({
  page,
}) => {
  await openScreen(page, { scannersReports: [ok(fullReport)] });
  await scannersTab(page).click();
  const codes = page.getByTestId('recent-code');
  await expect(codes).toHaveCount(3);

  const newest = codes.nth(0);
  await expect(newest).toContainText('keyboard');
  await expect(newest.getByTestId('recent-hex')).toHaveText(
    '•• •• •• •• •• •• •• •• •• •• •• •• 30 30 31 31 0a',
  );
  await expect(newest.getByTestId('recent-text')).toHaveText('••••••••••••0011LF');
  await expect(newest.getByTestId('recent-text').locator('abbr')).toHaveText('LF');
  await expect(newest.getByTestId('recent-outcome')).toContainText('The code ends in LF');

  const repeat = codes.nth(1);
  await expect(repeat.getByTestId('recent-repeat')).toHaveText('repeat (ignored)');
  await expect(repeat.getByTestId('recent-outcome')).toHaveText('Gift card (pan)');
  await expect(repeat).toContainText(']C0');

  const oldest = codes.nth(2);
  await expect(oldest).toContainText('EAN-13');
  await expect(oldest).toContainText(']E0');
  await expect(oldest.getByTestId('recent-hex')).toHaveText(
    '5d 45 30 35 30 31 32 33 34 35 36 37 38 39 30 30',
  );
  await expect(oldest.getByTestId('recent-outcome')).toHaveText(
    'That is a product barcode (EAN-13), not a gift card.',
  );
  const font = await oldest
    .getByTestId('recent-hex')
    .evaluate((el) => (globalThis as unknown as PageWindow).getComputedStyle(el).fontFamily);
  expect(font).toMatch(/mono/i);
});

interface PageWindow {
  getComputedStyle(element: unknown): { fontFamily: string };
  document: { documentElement: { scrollWidth: number } };
  innerWidth: number;
}

test('Refresh reads the report again, and so does a scanners event', async ({ page }) => {
  const plugged: ScannerState = { ...cradle, connected: true, problem: undefined };
  await openScreen(page, {
    scannersReports: [ok(fullReport), ok({ ...fullReport, scanners: [handheld, plugged] }), ok(fullReport)],
  });
  await scannersTab(page).click();
  await expect(page.getByTestId('scanner-problem')).toHaveCount(1);
  expect(await reportReads(page)).toBe(1);

  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => reportReads(page)).toBe(2);
  await expect(page.getByTestId('scanner-problem')).toHaveCount(0);
  await expect(page.getByTestId('scanner-connection').nth(1)).toHaveText('Connected');

  await emitEvent(page, { id: 'e1', type: 'scanners', data: { scanners: [handheld, cradle] } });
  await expect(page.getByTestId('scanner-connection').nth(1)).toHaveText('Not connected');
  await expect.poll(() => reportReads(page)).toBe(3);
});

test('says plainly when nothing is configured, found or scanned', async ({ page }) => {
  await openScreen(page);
  await scannersTab(page).click();
  await expect(page.getByTestId('no-scanners')).toContainText(
    'No scanners are configured. Add them to the config file\'s "scanners" list — see the README.',
  );
  await expect(page.getByTestId('no-devices')).toContainText('No scanners found');
  await expect(page.getByTestId('no-recent')).toContainText('No codes scanned yet');
});

test('says why when the report cannot be read', async ({ page }) => {
  await openScreen(page, {
    scannersReports: [{ ok: false, error: { code: 'INTERNAL', message: 'Scanning has not started yet.' } }],
  });
  await scannersTab(page).click();
  await expect(page.getByRole('alert')).toContainText("Can't read the scanners");
  await expect(page.getByRole('alert')).toContainText('Scanning has not started yet.');
});

test('flags the Scanners tab when a configured scanner needs attention', async ({ page }) => {
  await openScreen(page, { health: [healthAnswer({ scanners: [handheld, cradle] })] });
  await expect(page.getByTestId('scanners-flag')).toBeVisible();
  await expect(scannersTab(page)).toHaveAccessibleName('Scanners 1 needs attention');
  await emitEvent(page, { id: 'e2', type: 'scanners', data: { scanners: [handheld] } });
  await expect(page.getByTestId('scanners-flag')).toHaveCount(0);
});

test('by keyboard alone: to the panel and back, and the till keeps what was typed', async ({ page }) => {
  await openScreen(page, { scannersReports: [ok(fullReport)] });
  const number = page.getByLabel('Gift card number');
  await expect(number).toBeFocused();
  await number.fill('6280');

  await page.keyboard.press('Shift+Tab');
  await expect(scannersTab(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(heading(page)).toBeFocused();
  await expect(page.getByTestId('scanner')).toHaveCount(2);
  await expect(number).toHaveCount(0);

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect.poll(() => reportReads(page)).toBe(2);

  // Back with the Till tab (Space on a button), then again with Escape.
  await page.keyboard.press('Shift+Tab');
  await expect(scannersTab(page)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(tillTab(page)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(number).toBeFocused();
  await expect(number).toHaveValue('6280');
  await expect(tillTab(page)).toHaveAttribute('aria-current', 'page');

  await scannersTab(page).focus();
  await page.keyboard.press('Enter');
  await expect(heading(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(number).toBeFocused();
  await expect(number).toHaveValue('6280');
});

test('fits a 360 px window: long hex and paths wrap instead of widening the page', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  const long = { ...fullReport.recent[0]!, rawHex: Array.from({ length: 200 }, () => '5d').join(' ') };
  await openScreen(page, {
    scannersReports: [
      ok({
        ...fullReport,
        recent: [long],
        found: [{ ...fullReport.found[0]!, path: `/dev/${'x'.repeat(120)}` }],
      }),
    ],
  });
  await scannersTab(page).click();
  await expect(page.getByTestId('recent-code')).toHaveCount(1);
  const overflow = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return w.document.documentElement.scrollWidth - w.innerWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  const tab = await scannersTab(page).boundingBox();
  expect(tab?.height).toBeGreaterThanOrEqual(44);
});
