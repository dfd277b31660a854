// The cashier screen in Chromium, against the built renderer served with the production CSP and a
// scripted window.tillAgent: what the cashier sees and can do, by keyboard, pointer and scanner.
import { expect, test, type Page } from '@playwright/test';
import {
  cardAnswer,
  emitEvent,
  fakeAgentInitScript,
  fakeAgentRecord,
  healthAnswer,
  releaseInquiries,
  type FakeAgentScript,
} from './fixtures/fake-agent';
import { CSP } from './fixtures/renderer-server';
import { guardedRendererScreen } from './fixtures/screen';

/** The little of the page's `window` these tests read (the tests compile without the DOM library). */
interface PageWindow {
  getComputedStyle(element: unknown): { fontSize: string; fontVariantNumeric: string };
  document: { documentElement: { scrollWidth: number } };
  innerWidth: number;
}

const rendererUrl = guardedRendererScreen();

async function openScreen(page: Page, script: Partial<FakeAgentScript> = {}): Promise<void> {
  await page.addInitScript(fakeAgentInitScript({ health: [healthAnswer()], ...script }));
  const response = await page.goto(rendererUrl());
  expect(response?.headers()['content-security-policy']).toBe(CSP);
  await expect(page.getByTestId('link')).toContainText('Online');
}

const numberField = (page: Page) => page.getByLabel('Gift card number');
const pinField = (page: Page) => page.getByLabel('PIN (if the card has one)');
const checkButton = (page: Page) => page.getByRole('button', { name: /Check balance|Checking/ });

test('shows the DEMO banner when the agent runs on the simulator', async ({ page }) => {
  await openScreen(page, { health: [healthAnswer({ demo: true })] });
  await expect(page.getByTestId('demo-banner')).toHaveText(
    'DEMO — using the built-in Centegra Plus simulator. No real cards are charged.',
  );
  await expect(page).toHaveTitle('Till Agent');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
});

test('shows no DEMO banner against real Centegra Plus, and labels the till and version', async ({ page }) => {
  await openScreen(page, { health: [healthAnswer({ demo: false })] });
  await expect(page.getByTestId('till')).toHaveText('Site 0042 · Till 3');
  await expect(page.getByTestId('version')).toHaveText('0.1.0');
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
});

test('keying a card and pressing Enter shows its balance, large, and that it is active', async ({ page }) => {
  await openScreen(page, { cards: { '6280001234561234': cardAnswer() } });
  await numberField(page).fill('6280 0012-3456 1234');
  await numberField(page).press('Enter');

  const balance = page.getByTestId('balance');
  await expect(balance).toHaveText('£50.00');
  const style = await balance.evaluate((el) => {
    const s = (globalThis as unknown as PageWindow).getComputedStyle(el);
    return { size: parseFloat(s.fontSize), numeric: s.fontVariantNumeric };
  });
  expect(style.size).toBeGreaterThanOrEqual(48);
  expect(style.numeric).toContain('tabular-nums');
  await expect(page.getByTestId('status')).toHaveText('Active — can be used');
  await expect(page.getByTestId('card-number')).toContainText('•••• •••• •••• 1234');
  await expect(page.getByTestId('scanned')).toHaveCount(0);

  const calls = (await fakeAgentRecord(page)).calls.filter((c) => c.op === 'inquireCard');
  expect(calls).toEqual([{ op: 'inquireCard', input: { cardNumber: '6280 0012-3456 1234' } }]);
});

test('an agent error shows as an alert with its heading and what the cashier does, never IT’s fix', async ({
  page,
}) => {
  const message =
    'The Factor4 key is switched off. In Centegra Plus, go to Company Settings > External Access & FTP > API Secure Keys > "Factor4 Gift Card" and enable the key.';
  await openScreen(page, { otherCard: { ok: false, error: { code: 'CENTEGRA_KEY_DISABLED', message } } });
  await numberField(page).fill('6280001234561234');
  await numberField(page).press('Enter');

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Gift card key switched off');
  await expect(alert).toContainText('Tell your manager: Diagnostics says how to switch it back on.');
  await expect(alert).not.toContainText('Company Settings');
  await expect(page.getByTestId('balance')).toHaveCount(0);
});

test('the link indicator follows centegra events, with the detail in words', async ({ page }) => {
  await openScreen(page);
  const link = page.getByTestId('link');
  await expect(link).toHaveText(/Online/);
  await expect(page.getByTestId('link-detail')).toHaveCount(0);

  await emitEvent(page, {
    id: 'e1',
    type: 'centegra',
    data: {
      state: 'OFFLINE',
      detail: 'No answer from Centegra Plus for 30 seconds. Check the shop’s internet.',
    },
  });
  await expect(link).toHaveText(/Offline/);
  // What it means for the cashier, not the agent's detail (IT's fix is on Diagnostics).
  await expect(page.getByTestId('link-detail')).toHaveText(/take another payment/);
  await expect(page.getByTestId('link-detail')).not.toContainText('internet');

  await emitEvent(page, { id: 'e2', type: 'centegra', data: { state: 'KEY_DISABLED' } });
  await expect(link).toHaveText(/Key switched off/);
  await emitEvent(page, { id: 'e3', type: 'centegra', data: { state: 'ONLINE' } });
  await expect(link).toHaveText(/Online/);
  await expect(page.getByTestId('link-detail')).toHaveCount(0);
});

test('a scanned card replaces the result and is marked Scanned; a bad scan says Not a gift card', async ({
  page,
}) => {
  await openScreen(page, { cards: { '6280001234561234': cardAnswer() } });
  await numberField(page).fill('6280001234561234');
  await numberField(page).press('Enter');
  await expect(page.getByTestId('balance')).toHaveText('£50.00');

  await emitEvent(page, {
    id: 'e4',
    type: 'card',
    data: {
      scanId: 's1',
      cardNumberMasked: '•••• •••• •••• 9876',
      status: 'EXPIRED',
      balanceMinor: 1250,
      currency: 'GBP',
      expiresOn: '2024-11-30',
      checkedAt: new Date().toISOString(),
    },
  });
  await expect(page.getByTestId('balance')).toHaveText('£12.50');
  await expect(page.getByTestId('scanned')).toHaveText('Scanned');
  await expect(page.getByTestId('card-number')).toContainText('9876');
  await expect(page.getByTestId('status')).toHaveText('Expired on 30 November 2024');

  await emitEvent(page, {
    id: 'e5',
    type: 'scan',
    data: {
      scanId: 's2',
      at: new Date().toISOString(),
      source: { kind: 'hid', deviceId: 'hid:0c2e:0b61' },
      valid: false,
      reason: 'That is a product barcode, not a gift card.',
    },
  });
  await expect(page.getByRole('alert')).toContainText('Not a gift card');
  await expect(page.getByRole('alert')).toContainText('That is a product barcode, not a gift card.');
});

test('a resync event reads health again', async ({ page }) => {
  await openScreen(page, {
    health: [
      healthAnswer(),
      healthAnswer({ centegra: { state: 'FACTOR4_DOWN', detail: 'Factor4 is not answering.' } }),
    ],
  });
  await emitEvent(page, { id: 'e6', type: 'resync', data: { reason: 'missed events' } });
  await expect(page.getByTestId('link')).toHaveText(/Factor4 down/);
  expect((await fakeAgentRecord(page)).calls.filter((c) => c.op === 'health')).toHaveLength(2);
});

test('works by keyboard alone: Tab through number, PIN and button; Enter checks; Escape clears', async ({
  page,
}) => {
  await openScreen(page, { cards: { '6280001234561234': cardAnswer({ balanceMinor: 0 }) } });
  await expect(numberField(page)).toBeFocused();
  // At a person's pace: typed at machine speed, 16 digits are a keyboard-wedge scan (keyboard-wedge.spec.ts).
  await page.keyboard.type('6280001234561234', { delay: 70 });
  await page.keyboard.press('Tab');
  await expect(pinField(page)).toBeFocused();
  await page.keyboard.type('4321');
  await page.keyboard.press('Tab');
  await expect(checkButton(page)).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('balance')).toHaveText('£0.00');
  await expect(page.getByTestId('status')).toHaveText('Nothing left on this card');
  const calls = (await fakeAgentRecord(page)).calls.filter((c) => c.op === 'inquireCard');
  expect(calls).toEqual([{ op: 'inquireCard', input: { cardNumber: '6280001234561234', pin: '4321' } }]);

  // Focus is back on the number with it selected, so the next card can be typed straight over it.
  await expect(numberField(page)).toBeFocused();
  await expect(numberField(page)).toHaveJSProperty('selectionStart', 0);
  await expect(numberField(page)).toHaveJSProperty('selectionEnd', 16);
  await expect(pinField(page)).toHaveValue('');

  await page.keyboard.press('Escape');
  await expect(numberField(page)).toHaveValue('');
  await expect(page.getByTestId('balance')).toHaveCount(0);
  await expect(numberField(page)).toBeFocused();
});

test('refuses a second check while one runs, and says Checking…', async ({ page }) => {
  await openScreen(page, { holdInquiries: true, cards: { '6280001234561234': cardAnswer() } });
  await numberField(page).fill('6280001234561234');
  await numberField(page).press('Enter');
  await expect(checkButton(page)).toHaveText('Checking…');
  await expect(checkButton(page)).toBeDisabled();
  await numberField(page).press('Enter');
  await checkButton(page).click({ force: true });

  await releaseInquiries(page);
  await expect(page.getByTestId('balance')).toHaveText('£50.00');
  await expect(checkButton(page)).toHaveText('Check balance');
  expect((await fakeAgentRecord(page)).calls.filter((c) => c.op === 'inquireCard')).toHaveLength(1);
});

test('asks for the number, and a PIN of 4 to 8 digits, before asking the agent', async ({ page }) => {
  await openScreen(page);
  await checkButton(page).click();
  await expect(page.getByRole('alert')).toContainText('Check the number');
  await expect(numberField(page)).toBeFocused();

  await numberField(page).fill('6280001234561234');
  await pinField(page).fill('12');
  await pinField(page).press('Enter');
  await expect(page.getByRole('alert')).toContainText('A PIN is 4 to 8 digits');
  await expect(pinField(page)).toBeFocused();
  await expect(pinField(page)).toHaveAttribute('aria-invalid', 'true');
  expect((await fakeAgentRecord(page)).calls.filter((c) => c.op === 'inquireCard')).toHaveLength(0);
});

test('says plainly that Till Agent is not connected when the host gave no tillAgent', async ({ page }) => {
  await page.goto(rendererUrl());
  await expect(page.getByRole('alert')).toContainText('Till Agent is not connected');
  await expect(page.getByLabel('Gift card number')).toHaveCount(0);
});

test('fits a 360 px window and stays a centred column in a large one', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await openScreen(page, {
    health: [healthAnswer({ demo: true })],
    cards: { '6280001234561234': cardAnswer({ balanceMinor: 123456 }) },
  });
  await numberField(page).fill('6280001234561234');
  await numberField(page).press('Enter');
  const balance = page.getByTestId('balance');
  await expect(balance).toHaveText('£1,234.56');
  const overflow = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return w.document.documentElement.scrollWidth - w.innerWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  const fit = await balance.evaluate((el) => ({
    size: parseFloat((globalThis as unknown as PageWindow).getComputedStyle(el).fontSize),
    overflow: el.scrollWidth - el.clientWidth,
  }));
  expect(fit.size).toBeGreaterThanOrEqual(48);
  expect(fit.overflow).toBeLessThanOrEqual(0);
  const button = await checkButton(page).boundingBox();
  expect(button?.height).toBeGreaterThanOrEqual(48);
  expect(button?.width).toBeGreaterThanOrEqual(48);

  await page.setViewportSize({ width: 1280, height: 900 });
  const column = await page.locator('.screen').boundingBox();
  expect(column?.width).toBeLessThanOrEqual(480);
  const left = column?.x ?? 0;
  const right = 1280 - left - (column?.width ?? 0);
  expect(Math.abs(left - right)).toBeLessThanOrEqual(2);
});

test('screenshot: a balance at 400 × 640', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 640 });
  await openScreen(page, {
    cards: { '6280001234561234': cardAnswer({ balanceMinor: 5000, expiresOn: '2027-03-31' }) },
  });
  await numberField(page).fill('6280 0012 3456 1234');
  await numberField(page).press('Enter');
  await expect(page.getByTestId('balance')).toHaveText('£50.00');
  // The README's screenshot comes from the real demo (demo.spec.ts); this one is kept with the run.
  await page.screenshot({ path: test.info().outputPath('cashier-400x640.png') });
});
