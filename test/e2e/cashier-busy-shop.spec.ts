// The cashier screen as a busy shop uses it, against `serve --demo` (the real agent and the Centegra
// simulator with its demo cards) in the app's 400 × 640 window: the newest result in view and read
// out however many cards the sale has, the keyboard back on the card number after every step, the
// customer's PIN masked and gone with its card, the sale's buttons named for what they do, and no
// screen wider than a window at 200% zoom (200 × 320) or 320 px wide.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startDemoTill, walkOtherScreens, type DemoTill } from './fixtures/demo-till';

/** The little of the page's DOM these tests read (the tests compile without the DOM library). */
interface PageElement {
  tagName: string;
  className: string;
  textContent: string | null;
  closest(selector: string): unknown;
  getBoundingClientRect(): { left: number; right: number; width: number; height: number };
}
interface PageWindow {
  getComputedStyle(element: unknown): { fontSize: string };
  document: {
    documentElement: { clientWidth: number; scrollWidth: number };
    querySelectorAll(selector: string): ArrayLike<PageElement>;
  };
}

let till: DemoTill;
let uiUrl: string;

test.beforeAll(async () => {
  till = await startDemoTill();
  uiUrl = till.uiUrl;
});

test.afterAll(async () => {
  await till?.stop();
});

/** Console errors and page errors, checked after each test. */
let problems: string[] = [];
test.beforeEach(({ page }) => {
  problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
});
test.afterEach(() => {
  expect(problems, 'console errors').toEqual([]);
});

const card = {
  fifty: '6280390000000011',
  pin420: '6280390000000029',
  blocked: '6280390000000052',
  big: '6280390000000078',
} as const;

const numberField = (page: Page) => page.getByLabel('Gift card number');
const pinField = (page: Page) => page.getByLabel('PIN (if the card has one)');
const due = (page: Page) => page.getByTestId('due');

async function openTill(page: Page): Promise<void> {
  await page.goto(uiUrl);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
}

async function startPracticeSale(page: Page): Promise<void> {
  await openTill(page);
  await page.getByRole('button', { name: 'Start a practice sale' }).click();
  await expect(due(page)).toHaveText('£33.00');
}

/** Keys a card (with its PIN, and a Take at most) and presses Apply to sale. */
async function applyKeyed(page: Page, cardNumber: string, extra: { pin?: string; max?: string } = {}) {
  await numberField(page).fill(cardNumber);
  if (extra.pin) await pinField(page).fill(extra.pin);
  if (extra.max) await page.getByLabel('Take at most (optional)').fill(extra.max);
  await page.getByRole('button', { name: 'Apply to sale', exact: true }).click();
}

/** The sale with two cards on it and £18.80 still to pay: the result area is now far down the page. */
async function saleWithTwoCards(page: Page): Promise<void> {
  await startPracticeSale(page);
  await applyKeyed(page, card.pin420, { pin: '1234' });
  await expect(due(page)).toHaveText('£28.80');
  await applyKeyed(page, card.fifty, { max: '10' });
  await expect(due(page)).toHaveText('£18.80');
  await expect(page.getByTestId('tender')).toHaveCount(2);
}

/** Wholly inside the window, top to bottom. */
async function expectInView(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, 'drawn').not.toBeNull();
  expect(box!.y, 'top in view').toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, 'bottom in view').toBeLessThanOrEqual(viewport.height);
}

async function cancelPracticeSale(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Cancel practice sale' }).click();
  await expect(page.getByTestId('close-state')).toHaveText('Practice sale cancelled');
}

for (const size of [
  { width: 400, height: 640 },
  { width: 1024, height: 768 },
]) {
  test(`a third card's refusal and success are in view and read out, at ${size.width} × ${size.height}`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await saleWithTwoCards(page);

    await applyKeyed(page, card.blocked);
    const alert = page.getByTestId('result').getByRole('alert');
    await expect(alert).toContainText('is blocked');
    await expectInView(page, alert);
    // Read out at once (role=alert) inside the result's live region.
    await expect(page.locator('[aria-live="polite"][data-testid="result"]')).toContainText('is blocked');

    await applyKeyed(page, card.big);
    const notice = page.getByTestId('notice');
    await expect(notice).toContainText('Card ending 0078 applied');
    await expectInView(page, notice);
    // Read out politely: the result's live region holds the whole of it.
    const live = page.locator('[aria-live="polite"][data-testid="result"]');
    await expect(live).toHaveAttribute('aria-atomic', 'true');
    await expect(live).toContainText('Card ending 0078 applied');
    await expect(live).toContainText('£18.80 taken from it');
    await expect(numberField(page)).toBeFocused();

    await cancelPracticeSale(page);
  });
}

test('the keyboard is back on the card number after starting, closing and cancelling a practice sale', async ({
  page,
}) => {
  await openTill(page);
  await page.getByRole('button', { name: 'Start a practice sale' }).click();
  await expect(due(page)).toHaveText('£33.00');
  await expect(numberField(page)).toBeFocused();
  // A number keyed next goes into the field, not into the page.
  await page.keyboard.type('6280', { delay: 60 });
  await expect(numberField(page)).toHaveValue('6280');

  await page.getByRole('button', { name: 'Close sale (rest in cash)' }).click();
  await expect(page.getByTestId('close-state')).toHaveText('No gift cards on this sale');
  await expect(numberField(page)).toBeFocused();

  await page.getByRole('button', { name: 'Start a practice sale' }).click();
  await expect(due(page)).toHaveText('£33.00');
  await page.getByRole('button', { name: 'Cancel practice sale' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('close-state')).toHaveText('Practice sale cancelled');
  await expect(numberField(page)).toBeFocused();
});

test('the PIN is masked, on a numeric keypad, and gone after a refused apply', async ({ page }) => {
  await startPracticeSale(page);
  await expect(pinField(page)).toHaveAttribute('type', 'password');
  await expect(pinField(page)).toHaveAttribute('inputmode', 'numeric');
  await expect(pinField(page)).toHaveAttribute('autocomplete', 'off');

  await applyKeyed(page, card.pin420, { pin: '9999' });
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(pinField(page)).toHaveValue('');
  await expect(numberField(page)).toHaveValue(card.pin420);

  // A PIN typed for one card is not kept for a new number.
  await pinField(page).fill('1234');
  await numberField(page).fill(card.fifty);
  await expect(pinField(page)).toHaveValue('');
  await cancelPracticeSale(page);
});

test('Close sale says "rest in cash" only while something is left; a blocked card is headed by its status', async ({
  page,
}) => {
  await startPracticeSale(page);
  await expect(page.getByRole('button', { name: 'Close sale (rest in cash)' })).toBeVisible();
  await applyKeyed(page, card.big);
  await expect(due(page)).toHaveText('£0.00');
  await expect(page.getByRole('button', { name: 'Close sale', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close sale (rest in cash)' })).toHaveCount(0);
  await cancelPracticeSale(page);

  await numberField(page).fill(card.blocked);
  await page.getByRole('button', { name: 'Check balance' }).click();
  await expect(page.getByTestId('status')).toContainText(/blocked/i);
  await expect(page.getByTestId('balance')).toHaveText('£25.00');
  const size = (testId: string) =>
    page
      .getByTestId(testId)
      .evaluate((el) => parseFloat((globalThis as unknown as PageWindow).getComputedStyle(el).fontSize));
  expect(await size('balance')).toBeLessThan(await size('status'));
  expect(await size('balance')).toBeLessThanOrEqual(16);
});

const putCard = (cardNumber: string, fields: object) => till.putCard(cardNumber, fields);

/** Elements that reach outside the window sideways (a 1 px allowance for rounding). */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageWindow;
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (el.closest('.visually-hidden')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -1 || box.right > width + 1) {
        const name = `${el.tagName.toLowerCase()}.${el.className}`;
        out.push(
          `${name} [${Math.round(box.left)}, ${Math.round(box.right)}] "${el.textContent?.slice(0, 30)}"`,
        );
      }
    }
    if (document.documentElement.scrollWidth > width + 1)
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });
}

for (const size of [
  { width: 200, height: 320, name: '200% zoom of the 400 px window' },
  { width: 320, height: 640, name: '320 px wide' },
]) {
  test(`nothing reaches outside the window at ${size.name}`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    const screens: Record<string, string[]> = {};
    const look = async (name: string) => {
      screens[name] = await sidewaysOverflow(page);
    };

    await openTill(page);
    await look('till, no sale');
    await numberField(page).fill(card.blocked);
    await page.getByRole('button', { name: 'Check balance' }).click();
    await expect(page.getByTestId('status')).toBeVisible();
    await look('till, a blocked card');

    // A long balance on the card ending 0078 for the sale's rows.
    await putCard(card.big, { status: 'ACTIVE', balanceMinor: 99_999_999, currency: 'GBP' });
    await page.getByRole('button', { name: 'Start a practice sale' }).click();
    await expect(due(page)).toHaveText('£33.00');
    await applyKeyed(page, card.pin420, { pin: '1234' });
    await expect(due(page)).toHaveText('£28.80');
    await applyKeyed(page, card.big, { max: '10' });
    await expect(page.getByTestId('tender')).toHaveCount(2);
    await look('till, a sale with two cards');
    await applyKeyed(page, card.blocked);
    await expect(page.getByRole('alert')).toBeVisible();
    await look('till, a refusal');

    await numberField(page).fill(card.fifty);
    await page.getByRole('button', { name: 'Top up / activate' }).click();
    await expect(page.getByLabel('Amount to add')).toBeFocused();
    await look('till, top-up amount');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await cancelPracticeSale(page);
    await look('till, practice sale cancelled');

    await walkOtherScreens(page, look);

    expect(screens).toEqual(Object.fromEntries(Object.keys(screens).map((name) => [name, []])));
  });
}
