// The sale on the cashier screen, in Chromium against the built renderer with the production CSP
// and a scripted window.tillAgent: the POS's basket with what is still to pay, gift cards applied
// (keyed or scanned) and removed, top-ups, and what happened to a closed sale.
import { expect, test, type Page } from '@playwright/test';
import type { Basket } from '../../main/agent/contract';
import {
  callsTo,
  basketOf,
  cardAnswer,
  emitEvent,
  fakeAgentInitScript,
  healthAnswer,
  tenderOf,
  topUpOf,
  type FakeAgentScript,
  type SaleScript,
} from './fixtures/fake-agent';
import { guardedRendererScreen } from './fixtures/screen';

/** The little of the page's `window` these tests read (the tests compile without the DOM library). */
interface PageWindow {
  getComputedStyle(element: unknown): { fontSize: string; fontVariantNumeric: string };
  document: { querySelectorAll(selector: string): ArrayLike<unknown> };
}

const rendererUrl = guardedRendererScreen();

const open33 = basketOf();
const paid = basketOf({ giftCardTenders: [tenderOf({ amountMinor: 3300 })] });

async function openScreen(
  page: Page,
  sale: SaleScript = {},
  script: Partial<FakeAgentScript> = {},
): Promise<void> {
  await page.addInitScript(fakeAgentInitScript({ health: [healthAnswer()], sale, ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('link')).toContainText('Online');
}

const withBasket = (basket: Basket): SaleScript['currentBasket'] => [{ ok: true, value: { basket } }];
const basketEvent = (id: string, basket: Basket) => ({ id, type: 'basket' as const, data: basket });

const numberField = (page: Page) => page.getByLabel('Gift card number');
const pinField = (page: Page) => page.getByLabel('PIN (if the card has one)');
const maxField = (page: Page) => page.getByLabel('Take at most (optional)');
const applyButton = (page: Page) => page.getByRole('button', { name: 'Apply to sale' });
const due = (page: Page) => page.getByTestId('due');

async function fontSize(page: Page, testId: string): Promise<number> {
  return page
    .getByTestId(testId)
    .evaluate((el) => parseFloat((globalThis as unknown as PageWindow).getComputedStyle(el).fontSize));
}

test('with no sale open, says so and offers no sale actions', async ({ page }) => {
  await openScreen(page);
  await expect(page.getByTestId('no-sale')).toHaveText(
    'No sale in progress. The POS opens one when it starts a sale.',
  );
  await expect(page.getByRole('button', { name: 'Start a practice sale' })).toHaveCount(0);
  await expect(applyButton(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Check balance' })).toBeVisible();
  expect(await callsTo(page, 'currentBasket')).not.toHaveLength(0);
});

test('shows the open basket with what is still to pay as the largest figure on the screen', async ({
  page,
}) => {
  await openScreen(
    page,
    { currentBasket: withBasket(open33) },
    { cards: { '6280390000000011': cardAnswer() } },
  );
  await expect(due(page)).toHaveText('£33.00');
  await expect(page.getByTestId('sale-total')).toHaveText('Total £33.00');
  await expect(applyButton(page)).toBeVisible();
  const style = await due(page).evaluate((el) => {
    const s = (globalThis as unknown as PageWindow).getComputedStyle(el);
    return { size: parseFloat(s.fontSize), numeric: s.fontVariantNumeric };
  });
  expect(style.size).toBeGreaterThanOrEqual(56);
  expect(style.numeric).toContain('tabular-nums');

  // A balance checked meanwhile is drawn smaller than what is due.
  await numberField(page).fill('6280390000000011');
  await page.getByRole('button', { name: 'Check balance' }).click();
  await expect(page.getByTestId('balance')).toHaveText('£50.00');
  expect(await fontSize(page, 'balance')).toBeLessThan(style.size);
  const largest = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return Math.max(
      ...Array.from(w.document.querySelectorAll('body *')).map((el) =>
        parseFloat(w.getComputedStyle(el).fontSize),
      ),
    );
  });
  expect(largest).toBe(style.size);
});

test('applying a keyed card adds its tender row, updates what is due and returns to an empty number', async ({
  page,
}) => {
  await openScreen(page, { currentBasket: withBasket(open33), applyGiftCard: [{ ok: true, value: paid }] });
  await expect(due(page)).toHaveText('£33.00');
  await numberField(page).fill('6280 3900 0000 0011');
  await applyButton(page).click();

  const tender = page.getByTestId('tender');
  await expect(tender).toHaveCount(1);
  await expect(tender).toContainText('Card ending •••• 0011');
  await expect(page.getByTestId('tender-amount')).toHaveText(/£33\.00$/);
  await expect(page.getByTestId('tender-balance')).toContainText('£50.00 → £17.00');
  await expect(page.getByTestId('gift-card-total')).toHaveText(/Gift cards\s*£33\.00/);
  await expect(due(page)).toHaveText('£0.00');
  await expect(page.getByTestId('notice')).toContainText('Card ending 0011 applied');
  await expect(page.getByTestId('notice')).toContainText('£33.00 taken from it; £17.00 will be left on it.');
  // Nothing is left to pay: no more Apply, and Check balance is the big button again.
  await expect(applyButton(page)).toHaveCount(0);

  await expect(numberField(page)).toHaveValue('');
  await expect(numberField(page)).toBeFocused();
  expect(await callsTo(page, 'applyGiftCard')).toEqual([
    { basketId: 'b-1', cardNumber: '6280 3900 0000 0011' },
  ]);
});

test('Remove takes a card off the sale; applying it again puts it back', async ({ page }) => {
  await openScreen(page, {
    currentBasket: withBasket(paid),
    removeGiftCard: [{ ok: true, value: open33 }],
    applyGiftCard: [{ ok: true, value: paid }],
  });
  const remove = page.getByRole('button', { name: 'Remove card ending 0011' });
  await expect(remove).toHaveText('Remove');
  const box = await remove.boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(48);
  expect(box?.width).toBeGreaterThanOrEqual(48);
  await remove.click();

  await expect(page.getByTestId('tender')).toHaveCount(0);
  await expect(due(page)).toHaveText('£33.00');
  await expect(page.getByTestId('notice')).toContainText('Card ending 0011 removed');
  expect(await callsTo(page, 'removeGiftCard')).toEqual([{ basketId: 'b-1', tenderId: 'tnd_0011' }]);

  await numberField(page).fill('6280390000000011');
  await numberField(page).press('Enter');
  await expect(page.getByTestId('tender')).toHaveCount(1);
  await expect(due(page)).toHaveText('£0.00');
});

test('Take at most is read as pounds and pence, and refused before asking when it cannot be', async ({
  page,
}) => {
  const partly = basketOf({ giftCardTenders: [tenderOf({ amountMinor: 420 })] });
  await openScreen(page, { currentBasket: withBasket(open33), applyGiftCard: [{ ok: true, value: partly }] });
  await numberField(page).fill('6280390000000011');
  await maxField(page).fill('4,20');
  await applyButton(page).click();
  await expect(page.getByRole('alert')).toContainText('Check the amount');
  await expect(maxField(page)).toBeFocused();
  await expect(maxField(page)).toHaveAttribute('aria-invalid', 'true');
  expect(await callsTo(page, 'applyGiftCard')).toEqual([]);

  await maxField(page).fill('4.2');
  await maxField(page).press('Enter');
  await expect(due(page)).toHaveText('£28.80');
  await expect(maxField(page)).toHaveValue('');
  expect(await callsTo(page, 'applyGiftCard')).toEqual([
    { basketId: 'b-1', cardNumber: '6280390000000011', maxAmountMinor: 420 },
  ]);
});

test('an agent error on apply shows in the alert box under its heading, and the number stays', async ({
  page,
}) => {
  const message = 'The card ending 0011 is already on this sale. Remove it first to change what it pays.';
  await openScreen(page, {
    currentBasket: withBasket(
      basketOf({ totalMinor: 8000, giftCardTenders: [tenderOf({ amountMinor: 5000 })] }),
    ),
    applyGiftCard: [{ ok: false, error: { code: 'CARD_ALREADY_APPLIED', message } }],
  });
  await expect(due(page)).toHaveText('£30.00');
  await numberField(page).fill('6280390000000011');
  await applyButton(page).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Card already on this sale');
  await expect(alert).toContainText('To change what it pays, remove it first.');
  await expect(numberField(page)).toHaveValue('6280390000000011');
  await expect(numberField(page)).toBeFocused();
  await expect(due(page)).toHaveText('£30.00');
});

test('a scanned card while a sale is open is shown with Apply to sale, and applied only when pressed', async ({
  page,
}) => {
  await openScreen(page, { currentBasket: withBasket(open33), applyGiftCard: [{ ok: true, value: paid }] });
  await expect(due(page)).toHaveText('£33.00');
  await emitEvent(page, {
    id: 'e1',
    type: 'scan',
    data: {
      scanId: 's9',
      at: new Date().toISOString(),
      source: { kind: 'hid', deviceId: 'hid:0c2e:0b61' },
      valid: true,
      cardNumberMasked: '••••••••••••0011',
    },
  });
  await emitEvent(page, {
    id: 'e2',
    type: 'card',
    data: { ...cardAnswerValue(), scanId: 's9', cardNumberMasked: '••••••••••••0011' },
  });
  await expect(page.getByTestId('scanned')).toBeVisible();
  const applyScanned = page.getByTestId('apply-scanned');
  await expect(applyScanned).toHaveText('Apply to sale');
  // The cashier decides: nothing is applied on the scan alone.
  await page.waitForTimeout(200);
  expect(await callsTo(page, 'applyGiftCard')).toEqual([]);

  await applyScanned.click();
  await expect(due(page)).toHaveText('£0.00');
  expect(await callsTo(page, 'applyGiftCard')).toEqual([{ basketId: 'b-1', scanId: 's9' }]);
  await expect(numberField(page)).toBeFocused();
});

function cardAnswerValue() {
  const answer = cardAnswer();
  if (!answer.ok) throw new Error('cardAnswer is ok');
  return answer.value;
}

test('top up: amount, a plain question naming card and amount, then the new balance in large type', async ({
  page,
}) => {
  await openScreen(page, { screenTopUp: [{ ok: true, value: topUpOf() }] });
  await numberField(page).fill('6280390000000045');
  await page.getByRole('button', { name: 'Top up / activate' }).click();

  const amount = page.getByLabel('Amount to add');
  await expect(amount).toBeFocused();
  await amount.fill('0.005');
  await amount.press('Enter');
  await expect(page.getByTestId('topup')).toContainText('At most 2 digits after the point');
  await amount.fill('20');
  await amount.press('Enter');

  await expect(page.getByTestId('topup-question')).toHaveText('Top up the card ending 0045 by £20.00?');
  await expect(page.getByTestId('topup-question')).toBeFocused();
  expect(await callsTo(page, 'screenTopUp')).toEqual([]);
  await page.getByRole('button', { name: 'Top up £20.00' }).click();

  await expect(page.getByTestId('topped-up')).toContainText('New balance');
  await expect(page.getByTestId('new-balance')).toHaveText('£20.00');
  expect(await fontSize(page, 'new-balance')).toBeGreaterThanOrEqual(48);
  await expect(page.getByTestId('topup')).toHaveCount(0);
  const calls = (await callsTo(page, 'screenTopUp')) as Record<string, unknown>[];
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ cardNumber: '6280390000000045', amountMinor: 2000, currency: 'GBP' });
  expect(calls[0]?.topUpId).toMatch(/^topup-[0-9a-f]{24}$/);
  expect(calls[0]).not.toHaveProperty('session');
});

test('a top-up whose outcome is unknown says so plainly, and what to do before trying again', async ({
  page,
}) => {
  const message =
    "It is not known whether the top-up of £20.00 reached the card ending 0045. Check the card's balance before trying again.";
  await openScreen(page, { screenTopUp: [{ ok: false, error: { code: 'OUTCOME_UNKNOWN', message } }] });
  await numberField(page).fill('6280390000000045');
  await page.getByRole('button', { name: 'Top up / activate' }).click();
  await page.getByLabel('Amount to add').fill('£20');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Top up £20.00' }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Top-up not confirmed');
  await expect(alert).toContainText(message);
  await expect(alert).toContainText('press Check balance first');
  await expect(numberField(page)).toHaveValue('6280390000000045');
});

test('a scanned card can be topped up by its scan', async ({ page }) => {
  await openScreen(page, {
    screenTopUp: [{ ok: true, value: topUpOf({ amountMinor: 1500, balanceMinor: 1500, scanId: 's4' }) }],
  });
  await emitEvent(page, {
    id: 'e3',
    type: 'card',
    data: {
      ...cardAnswerValue(),
      status: 'INACTIVE',
      balanceMinor: 0,
      scanId: 's4',
      cardNumberMasked: '••••••••••••0045',
    },
  });
  await expect(page.getByTestId('apply-scanned')).toHaveCount(0);
  await page.getByTestId('card').getByRole('button', { name: 'Top up / activate' }).click();
  await page.getByLabel('Amount to add').fill('15');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('topup-question')).toHaveText('Top up the card ending 0045 by £15.00?');
  await page.getByRole('button', { name: 'Top up £15.00' }).click();
  await expect(page.getByTestId('new-balance')).toHaveText('£15.00');
  expect(await callsTo(page, 'screenTopUp')).toMatchObject([
    { scanId: 's4', amountMinor: 1500, currency: 'GBP' },
  ]);
});

test('after close: queued, then delivered when the agent says so; the queue shows while it waits', async ({
  page,
}) => {
  await openScreen(page, { currentBasket: withBasket(paid) });
  await expect(due(page)).toHaveText('£0.00');
  const queued = basketOf({ ...paid, state: 'CLOSED', closeState: 'QUEUED' });
  await emitEvent(page, basketEvent('e1', queued));
  await emitEvent(page, { id: 'e2', type: 'queue', data: { pending: 1, failed: 0 } });

  await expect(page.getByRole('heading', { name: 'Sale closed' })).toBeVisible();
  await expect(page.getByTestId('close-state')).toHaveText('Queued: will be sent when Centegra Plus is back');
  await expect(page.getByTestId('queue-note')).toHaveText('1 sale waiting to be sent');
  await expect(due(page)).toHaveCount(0);
  await expect(applyButton(page)).toHaveCount(0);

  await emitEvent(page, { id: 'e3', type: 'queue', data: { pending: 3, failed: 0 } });
  await expect(page.getByTestId('queue-note')).toHaveText('3 sales waiting to be sent');

  await emitEvent(page, basketEvent('e4', { ...queued, closeState: 'DELIVERED' }));
  await emitEvent(page, { id: 'e5', type: 'queue', data: { pending: 0, failed: 0 } });
  await expect(page.getByTestId('close-state')).toHaveText('Delivered to Factor4');
  await expect(page.getByTestId('closed-tenders')).toContainText('0011');
  await expect(page.getByTestId('queue-note')).toHaveText('');

  // The screen never closes or voids a sale itself outside demo mode.
  expect(await callsTo(page, 'closeBasket')).toEqual([]);
  expect(await callsTo(page, 'voidBasket')).toEqual([]);
});

test('a closure Factor4 refused says to see the manager', async ({ page }) => {
  await openScreen(page);
  await emitEvent(page, basketEvent('e1', basketOf({ ...paid, state: 'CLOSED', closeState: 'FAILED' })));
  await emitEvent(page, { id: 'e2', type: 'queue', data: { pending: 0, failed: 1 } });
  await expect(page.getByTestId('close-state')).toHaveText('Refused by Factor4 — see the manager');
  await expect(page.getByTestId('queue-note')).toHaveText('1 sale refused by Factor4 — see the manager');
});

test('a queued sale is read again when the queue moves, so it shows Delivered without a new basket event', async ({
  page,
}) => {
  const queued = basketOf({ ...paid, state: 'CLOSED', closeState: 'QUEUED' });
  await openScreen(page, {
    currentBasket: withBasket(queued),
    getBasket: [
      { ok: true, value: queued },
      { ok: true, value: { ...queued, closeState: 'DELIVERED' } },
    ],
  });
  await expect(page.getByTestId('close-state')).toHaveText(/^Queued/);
  await emitEvent(page, { id: 'e1', type: 'queue', data: { pending: 0, failed: 0 } });
  await expect(page.getByTestId('close-state')).toHaveText('Delivered to Factor4');
  expect(await callsTo(page, 'getBasket')).toContainEqual({ basketId: 'b-1' });
});

test('follows the newest basket: a new sale replaces the last; news of an earlier one does not', async ({
  page,
}) => {
  await openScreen(page, { currentBasket: withBasket(open33) });
  await expect(due(page)).toHaveText('£33.00');
  const closed = basketOf({ ...paid, state: 'CLOSED', closeState: 'QUEUED' });
  await emitEvent(page, basketEvent('e1', closed));
  await expect(page.getByTestId('close-state')).toHaveText(/^Queued/);

  await emitEvent(page, basketEvent('e2', basketOf({ basketId: 'b-2', totalMinor: 1250 })));
  await expect(due(page)).toHaveText('£12.50');
  // The queue delivers b-1 later and the agent says so: the screen stays on b-2.
  await emitEvent(page, basketEvent('e3', { ...closed, closeState: 'DELIVERED' }));
  await emitEvent(page, basketEvent('e4', basketOf({ basketId: 'b-2', totalMinor: 1500 })));
  await expect(due(page)).toHaveText('£15.00');
  await expect(page.getByTestId('close-state')).toHaveCount(0);
});

test('works by keyboard alone: type, Tab to Apply, Enter; then Shift+Tab to Remove, Enter', async ({
  page,
}) => {
  await openScreen(page, {
    currentBasket: withBasket(open33),
    applyGiftCard: [{ ok: true, value: paid }],
    removeGiftCard: [{ ok: true, value: open33 }],
  });
  await expect(due(page)).toHaveText('£33.00');
  await expect(numberField(page)).toBeFocused();
  // At a person's pace: typed at machine speed, 16 digits are a keyboard-wedge scan.
  await page.keyboard.type('6280390000000011', { delay: 70 });
  await page.keyboard.press('Tab');
  await expect(pinField(page)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(maxField(page)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(applyButton(page)).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(due(page)).toHaveText('£0.00');
  await expect(numberField(page)).toBeFocused();
  await expect(numberField(page)).toHaveValue('');

  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Remove card ending 0011' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(due(page)).toHaveText('£33.00');
  await expect(numberField(page)).toBeFocused();
  expect(await callsTo(page, 'removeGiftCard')).toHaveLength(1);
});

test('demo mode: a practice sale is opened with sample lines and closed with the rest in cash', async ({
  page,
}) => {
  const practice = basketOf({ basketId: 'practice-1' });
  const practicePaid = basketOf({
    basketId: 'practice-1',
    giftCardTenders: [tenderOf({ amountMinor: 2000 })],
  });
  const practiceClosed = basketOf({ ...practicePaid, state: 'CLOSED', closeState: 'QUEUED' });
  await openScreen(
    page,
    {
      putBasket: [{ ok: true, value: practice }],
      applyGiftCard: [{ ok: true, value: practicePaid }],
      closeBasket: [{ ok: true, value: { state: 'QUEUED', basket: practiceClosed, itemId: 'q1' } }],
    },
    { health: [healthAnswer({ demo: true })] },
  );
  await page.getByRole('button', { name: 'Start a practice sale' }).click();
  await expect(due(page)).toHaveText('£33.00');
  const [put] = (await callsTo(page, 'putBasket')) as {
    basketId: string;
    totalMinor: number;
    currency: string;
    lines: { lineTotalMinor: number }[];
  }[];
  expect(put?.basketId).toMatch(/^practice-\d+$/);
  expect(put?.currency).toBe('GBP');
  expect(put?.totalMinor).toBe(3300);
  expect(put?.lines.reduce((sum, l) => sum + l.lineTotalMinor, 0)).toBe(3300);

  await numberField(page).fill('6280390000000011');
  await applyButton(page).click();
  await expect(due(page)).toHaveText('£13.00');
  await page.getByRole('button', { name: 'Close sale (rest in cash)' }).click();
  await expect(page.getByTestId('close-state')).toHaveText('Queued: will be sent when Centegra Plus is back');
  expect(await callsTo(page, 'closeBasket')).toEqual([
    { basketId: 'practice-1', otherTenders: [{ kind: 'CASH', amountMinor: 1300 }] },
  ]);
  await expect(page.getByRole('button', { name: 'Start a practice sale' })).toBeVisible();
});

test('demo mode: a practice sale delivered at once lists what Factor4 took from each card', async ({
  page,
}) => {
  const practicePaid = basketOf({
    basketId: 'practice-2',
    giftCardTenders: [tenderOf({ amountMinor: 3300 })],
  });
  const delivered = basketOf({ ...practicePaid, state: 'CLOSED', closeState: 'DELIVERED' });
  await openScreen(
    page,
    {
      currentBasket: withBasket(practicePaid),
      closeBasket: [
        {
          ok: true,
          value: {
            state: 'DELIVERED',
            basket: delivered,
            transactions: [
              {
                cardNumberMasked: '••••••••••••0011',
                kind: 'REDEMPTION',
                amountMinor: 3300,
                currency: 'GBP',
                transactionId: 'tx-1',
                balanceAfterMinor: 1700,
              },
            ],
          },
        },
      ],
    },
    { health: [healthAnswer({ demo: true })] },
  );
  await page.getByRole('button', { name: 'Close sale', exact: true }).click();
  await expect(page.getByTestId('close-state')).toHaveText('Delivered to Factor4');
  await expect(page.getByTestId('transactions')).toContainText('Card ending •••• 0011');
  await expect(page.getByTestId('transactions')).toContainText('£33.00');
  expect(await callsTo(page, 'closeBasket')).toEqual([{ basketId: 'practice-2', otherTenders: [] }]);
});

test('outside demo mode there is no practice sale and no Close, even for a practice basket', async ({
  page,
}) => {
  await openScreen(page, { currentBasket: withBasket(basketOf({ basketId: 'practice-9' })) });
  await expect(due(page)).toHaveText('£33.00');
  await expect(page.getByRole('button', { name: 'Close sale (rest in cash)' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start a practice sale' })).toHaveCount(0);
});

test('every sale button is at least 48 px square', async ({ page }) => {
  await openScreen(
    page,
    { currentBasket: withBasket(basketOf({ giftCardTenders: [tenderOf({ amountMinor: 1000 })] })) },
    {
      health: [healthAnswer({ demo: true })],
    },
  );
  await expect(due(page)).toHaveText('£23.00');
  for (const name of ['Apply to sale', 'Check balance', 'Top up / activate', 'Remove card ending 0011']) {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    expect(box?.height, name).toBeGreaterThanOrEqual(48);
    expect(box?.width, name).toBeGreaterThanOrEqual(48);
  }
});

test('screenshot: a sale with a card applied at 400 × 640', async ({ page }) => {
  await openScreen(page, {
    currentBasket: withBasket(basketOf({ giftCardTenders: [tenderOf({ amountMinor: 2000 })] })),
  });
  await expect(due(page)).toHaveText('£13.00');
  await page.screenshot({ path: test.info().outputPath('sale-400x640.png') });
});
