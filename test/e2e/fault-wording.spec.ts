// What the cashier reads for each fault, against the real agent (`serve --demo`) and its simulator
// with the fault switches, in the app's 400x640 window: applying a card says what checking its
// balance says, no cashier text carries IT's fixes, the header is not "Online" during a rate limit
// nor after Centegra goes down, a PIN card asks for its PIN, and Diagnostics says "Not checked".
import { expect, test, type Page } from '@playwright/test';
import { demoCards } from '../../main/centegra-sim/demo-cards';
import { startDemoTill, type DemoTill } from './fixtures/demo-till';

let till: DemoTill;
let uiUrl: string;

const cardOf = (label: string): string => {
  const card = demoCards.find((c) => c.label.startsWith(label));
  if (!card) throw new Error(`no demo card "${label}"`);
  return card.cardNumber;
};
const GOOD = cardOf('active, £250.00');
const PIN_CARD = cardOf('active, £4.20');
const BLOCKED = cardOf('blocked');

/** Words only IT acts on: never on a cashier's screen. */
const IT_WORDS =
  /Company Settings|External Access|API Secure Keys|Client ID|centegra\.apiKey|centegra\.baseUrl/;

test.beforeAll(async () => {
  till = await startDemoTill();
  uiUrl = till.uiUrl;
});

test.afterAll(async () => {
  await till?.stop();
});

const setFaults = (faults: object) => till.setFaults(faults);

const numberField = (page: Page) => page.getByLabel('Gift card number');
const link = (page: Page) => page.getByTestId('link');
const alert = (page: Page) => page.getByTestId('problem');

async function press(page: Page, cardNumber: string, button: 'Check balance' | 'Apply to sale', pin = '') {
  await numberField(page).fill(cardNumber);
  await page.getByLabel('PIN (if the card has one)').fill(pin);
  await page.getByRole('button', { name: button, exact: true }).click();
}

/** No faults, and a call that answers: the link is Online again at once. */
async function allWell(page: Page): Promise<void> {
  await setFaults({});
  await press(page, GOOD, 'Check balance');
  await expect(page.getByTestId('card')).toBeVisible();
  await expect(link(page)).toHaveText(/Online/);
}

test('applying a card names each fault as checking its balance does, in the cashier’s words', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(uiUrl);
  await expect(link(page)).toHaveText(/Online/);
  await page.getByRole('button', { name: 'Start a practice sale' }).click();
  await expect(page.getByTestId('due')).toHaveText('£33.00');

  const faults: Array<[object, string, RegExp]> = [
    [{ keyDisabled: true }, 'Gift card key switched off', /tell your manager: Diagnostics says how/i],
    [{ factor4Down: true }, "Factor4 isn't answering", /Take another payment, or try again in a few minutes/],
    [{ errorRate: 1, errorStatus: 500 }, 'Centegra Plus gave an error', /Try again in a moment/],
    [{ rateLimited: { retryAfterS: 20 } }, 'Centegra Plus is busy', /Wait a few seconds, then try again/],
    [{ down: true }, "Centegra Plus can't be reached", /Take another payment/],
  ];
  for (const [fault, heading, whatToDo] of faults) {
    await setFaults(fault);
    await press(page, GOOD, 'Check balance');
    await expect(alert(page).getByRole('heading')).toHaveText(heading, { timeout: 12_000 });
    await press(page, GOOD, 'Apply to sale');
    await expect(alert(page).getByRole('heading')).toHaveText(heading, { timeout: 12_000 });
    await expect(alert(page)).toContainText(whatToDo);
    await expect(alert(page)).not.toContainText(IT_WORDS);
    // The header and its detail line carry no IT fix either.
    await expect(page.locator('header')).not.toContainText(IT_WORDS);
    await allWell(page);
  }
  await expect(page.getByTestId('tender')).toHaveCount(0);
});

test('the header is "Busy" during a rate limit, and Offline right after Centegra goes down', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto(uiUrl);
  await allWell(page);

  await setFaults({ rateLimited: { retryAfterS: 30 } });
  await press(page, GOOD, 'Check balance');
  await expect(alert(page).getByRole('heading')).toHaveText('Centegra Plus is busy');
  await expect(link(page)).toHaveText(/Busy — slow down/);
  await expect(link(page)).not.toHaveText(/Online/);
  await allWell(page);

  // The first call that meets a dead Centegra turns the header at once, not at the next minute's probe.
  await setFaults({ down: true });
  const downAt = Date.now();
  await press(page, GOOD, 'Check balance');
  await expect(link(page)).toHaveText(/Offline/, { timeout: 3000 });
  expect(Date.now() - downAt).toBeLessThan(5000);
  await expect(page.getByTestId('link-detail')).toContainText('take another payment');
  // Diagnostics' check 1 passes (the host answers): the cashier is not sent to check the network.
  await expect(alert(page)).not.toContainText(/network/i);
  await allWell(page);
});

test('a blocked card is "can’t be used", and a PIN card without its PIN asks for it', async ({ page }) => {
  await page.goto(uiUrl);
  await allWell(page);

  await press(page, PIN_CARD, 'Check balance');
  await expect(alert(page).getByRole('heading')).toHaveText("Enter the card's PIN");
  await expect(page.getByLabel('PIN (if the card has one)')).toBeFocused();

  await press(page, PIN_CARD, 'Check balance', '9999');
  await expect(alert(page).getByRole('heading')).toHaveText('Card number or PIN not recognised');

  await press(page, PIN_CARD, 'Check balance', '1234');
  await expect(page.getByTestId('balance')).toHaveText('£4.20');

  const due = page.getByTestId('due');
  if (!(await due.isVisible())) {
    await page.getByRole('button', { name: 'Start a practice sale' }).click();
    await expect(due).toBeVisible();
  }
  await press(page, BLOCKED, 'Apply to sale');
  await expect(alert(page).getByRole('heading')).toHaveText("This card can't be used");
  await expect(alert(page)).toContainText('blocked');
  await expect(alert(page)).not.toContainText('Card not activated');
});

test('Diagnostics says "Not checked" for a check it could not run, never "Passed"', async ({ page }) => {
  await page.goto(uiUrl);
  await expect(link(page)).not.toHaveText(/Connecting/);
  // /status fails with a 500: the host answers (check 1), the API does not (check 2), so the key is not tested.
  await setFaults({ errorRate: 1, errorStatus: 500, paths: ['/status'] });
  try {
    await page.getByRole('button', { name: /^Scanners/ }).click();
    await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
    const check = (id: string) => page.locator(`[data-testid="check"][data-check="${id}"]`);
    await expect(check('online').getByTestId('check-status')).toHaveText('Passed', { timeout: 15_000 });
    await expect(check('centegra').getByTestId('check-status')).toHaveText('Failed');
    await expect(check('key').getByTestId('check-status')).toHaveText('Not checked');
    await expect(check('key').getByTestId('check-detail')).toContainText('not tested');
    await expect(page.getByTestId('diagnostics-summary')).toContainText('could not be run');
  } finally {
    await setFaults({});
  }
});
