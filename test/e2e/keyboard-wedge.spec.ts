// A scanner that types like a keyboard, in Chromium against the built screen: its burst goes to the
// agent as a keyboard scan and never into a field; a person's typing lands in the field as always.
import { expect, test, type Page } from '@playwright/test';
import type { Card } from '../../main/agent/contract';
import {
  callsTo,
  emitEvent,
  fakeAgentInitScript,
  fakeAgentRecord,
  healthAnswer,
  type FakeAgentScript,
  type KeyboardWedgeSettings,
} from './fixtures/fake-agent';
import { guardedRendererScreen } from './fixtures/screen';

const CARD = '6280390000000011';

const rendererUrl = guardedRendererScreen();

/**
 * The agent's settings with a 100 ms gap rather than its default 40 (which the unit tests hold to on
 * exact timelines): keystrokes injected through CDP on a busy test machine now and then arrive 60 ms
 * or more apart, a jitter a USB scanner's OS-stamped keys do not have. Typing at 120 ms a key stays
 * clear of it: Playwright waits 120 ms after each key is down and up, so jitter only lengthens a gap,
 * except right after a delayed key.
 */
const wedgeSettings: KeyboardWedgeSettings = {
  maxKeyGapMs: 100,
  minLength: 6,
  suffix: ['\r\n', '\r', '\n', '\t'],
};

/** Opens the screen and waits until the wedge has the agent's settings. */
async function openScreen(page: Page, script: Partial<FakeAgentScript> = {}): Promise<void> {
  await page.addInitScript(
    fakeAgentInitScript({
      health: [healthAnswer()],
      wedgeSettings: { ok: true, value: wedgeSettings },
      ...script,
    }),
  );
  await page.goto(rendererUrl());
  await expect(page.getByTestId('link')).toContainText('Online');
  await expect
    .poll(async () => (await fakeAgentRecord(page)).answered.includes('keyboardWedgeSettings'))
    .toBe(true);
}

const numberField = (page: Page) => page.getByLabel('Gift card number');
const pinField = (page: Page) => page.getByLabel('PIN (if the card has one)');

/** A scanner: the code at 5 ms a key, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

function scannedCard(overrides: Partial<Card> = {}): Card {
  return {
    cardNumberMasked: '•••• •••• •••• 0011',
    status: 'ACTIVE',
    balanceMinor: 2500,
    currency: 'GBP',
    checkedAt: new Date().toISOString(),
    ...overrides,
  };
}

test('a scanner burst in the card number field goes to the agent, not the field, and its balance shows', async ({
  page,
}) => {
  await openScreen(page, { keyboardScan: { card: scannedCard() } });
  await expect(numberField(page)).toBeFocused();
  await scan(page, CARD);

  await expect(page.getByTestId('balance')).toHaveText('£25.00');
  await expect(page.getByTestId('scanned')).toHaveText('Scanned');
  await expect(page.getByTestId('card-number')).toContainText('0011');
  expect(await callsTo(page, 'submitKeyboardScan')).toEqual([{ text: CARD }]);
  await expect(numberField(page)).toHaveValue('');
  // Enter was the scanner's suffix: it did not submit the form.
  expect(await callsTo(page, 'inquireCard')).toEqual([]);
});

test('shows Looking up… for the scan until the agent’s card event arrives', async ({ page }) => {
  await openScreen(page, { keyboardScan: { cardNumberMasked: '•••• •••• •••• 0011' } });
  await scan(page, CARD);
  const lookingUp = page.getByTestId('looking-up');
  await expect(lookingUp).toContainText('Looking up…');
  await expect(lookingUp).toContainText('•••• •••• •••• 0011');

  await emitEvent(page, {
    id: 'late',
    type: 'card',
    data: scannedCard({ scanId: 'kb-1', balanceMinor: 990 }),
  });
  await expect(page.getByTestId('balance')).toHaveText('£9.90');
  await expect(lookingUp).toHaveCount(0);
});

test('typing at a person’s pace lands in the field as usual, and no scan is sent', async ({ page }) => {
  await openScreen(page);
  await numberField(page).click();
  await page.keyboard.type(CARD, { delay: 120 });
  await expect(numberField(page)).toHaveValue(CARD);
  await page.keyboard.press('Enter');
  await expect.poll(() => callsTo(page, 'inquireCard')).toEqual([{ cardNumber: CARD }]);
  expect(await callsTo(page, 'submitKeyboardScan')).toEqual([]);
});

test('a burst while the PIN field has focus stays out of it too', async ({ page }) => {
  await openScreen(page, { keyboardScan: { card: scannedCard() } });
  await numberField(page).fill('1234');
  await pinField(page).click();
  await scan(page, CARD);

  await expect(page.getByTestId('balance')).toHaveText('£25.00');
  expect(await callsTo(page, 'submitKeyboardScan')).toEqual([{ text: CARD }]);
  await expect(pinField(page)).toHaveValue('');
  // The scanned card is the card now: the number typed before it goes too (one Apply, for it).
  await expect(numberField(page)).toHaveValue('');
  expect(await callsTo(page, 'inquireCard')).toEqual([]);
});

test('a cardError after a scan shows the error box with its heading and what to do', async ({ page }) => {
  const message = 'Centegra Plus cannot be reached. Check the shop’s internet, then scan the card again.';
  await openScreen(page, { keyboardScan: { error: { code: 'OFFLINE', message } } });
  await scan(page, CARD);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText("Centegra Plus can't be reached");
  // What the cashier does, from the one mapping; the agent's advice about the network is not repeated.
  await expect(alert).toContainText('Try again in a minute. If it keeps happening, tell your manager.');
  await expect(alert).not.toContainText('internet');
  await expect(page.getByTestId('looking-up')).toHaveCount(0);
});

test('a scan that is not a gift card says so, with the reason', async ({ page }) => {
  await openScreen(page, {
    keyboardScan: { reason: 'That is a product barcode (EAN-13), not a gift card.' },
  });
  await scan(page, '5012345678900');
  await expect(page.getByRole('alert')).toContainText('Not a gift card');
  await expect(page.getByRole('alert')).toContainText('That is a product barcode (EAN-13), not a gift card.');
});

test('a short fast burst is given back to the field, at the caret', async ({ page }) => {
  await openScreen(page);
  await numberField(page).fill('6200');
  await numberField(page).evaluate((el) =>
    (el as unknown as { setSelectionRange(a: number, b: number): void }).setSelectionRange(2, 2),
  );
  await page.keyboard.type('123', { delay: 5 });

  await expect(numberField(page)).toHaveValue('6212300');
  await expect(numberField(page)).toHaveJSProperty('selectionStart', 5);
  // Typing on goes after it, as if nothing had been held.
  await page.keyboard.type('9', { delay: 5 });
  await expect(numberField(page)).toHaveValue('62123900');
  expect(await callsTo(page, 'submitKeyboardScan')).toEqual([]);
});

test('a burst while the Check balance button has focus is a scan; its Enter does not press the button', async ({
  page,
}) => {
  await openScreen(page, { keyboardScan: { card: scannedCard() } });
  await page.getByRole('button', { name: 'Check balance' }).focus();
  await scan(page, CARD);
  await expect(page.getByTestId('balance')).toHaveText('£25.00');
  expect(await callsTo(page, 'inquireCard')).toEqual([]);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('follows the agent’s wedge settings: the prefix is required and removed', async ({ page }) => {
  await openScreen(page, {
    wedgeSettings: { ok: true, value: { ...wedgeSettings, prefix: '*', suffix: ['\r'] } },
    keyboardScan: { card: scannedCard() },
  });
  await scan(page, `*${CARD}`);
  await expect(page.getByTestId('balance')).toHaveText('£25.00');
  expect(await callsTo(page, 'submitKeyboardScan')).toEqual([{ text: CARD }]);
  await expect(numberField(page)).toHaveValue('');
});

test('Looking up… always ends: after 15 s without an answer it says to scan again', async ({ page }) => {
  await page.clock.install();
  await openScreen(page); // valid scans, never looked up
  await emitEvent(page, {
    id: 's-timeout',
    type: 'scan',
    data: {
      scanId: 'hid-7',
      at: new Date().toISOString(),
      source: { kind: 'hid', deviceId: 'hid:0c2e:0b61' },
      valid: true,
      cardNumberMasked: '•••• •••• •••• 0011',
    },
  });
  await expect(page.getByTestId('looking-up')).toBeVisible();
  await page.clock.fastForward(14_000);
  await expect(page.getByTestId('looking-up')).toBeVisible();
  await page.clock.fastForward(1_500);
  await expect(page.getByRole('alert')).toContainText('No answer for that scan: scan it again');
  await expect(page.getByTestId('looking-up')).toHaveCount(0);
});
