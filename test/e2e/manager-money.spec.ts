// The manager's money beyond the single sale, in Chromium against the built renderer with the
// production CSP and a scripted window.tillAgent: the Day (figures with what each counts, another
// day, Download CSV, the day's top-ups voided after a question), voiding a sale, refunds onto a card
// (delivered, queued and voided, refused, retried under the same refundId), and the queue and audit
// reading the new kinds of item and action. At 400 × 640, every new control at least 48 px.
import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  basketOf,
  callsTo,
  dayReportOf,
  emitEvent,
  fakeAgentInitScript,
  type FakeAgentScript,
  healthAnswer,
  type ManagerScript,
  queueItemOf,
  queuePageOf,
  refundOf,
  refused,
  tenderOf,
  topUpOf,
} from './fixtures/fake-agent';
import { guardedRendererScreen } from './fixtures/screen';

/** The little of the page's `window` these tests read (the tests compile without the DOM library). */
interface PageWindow {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number }; activeElement: unknown };
}

const rendererUrl = guardedRendererScreen();

const SESSION = 'sess-1';
const unlocked: ManagerScript['managerUnlock'] = [
  { ok: true, value: { session: SESSION, expiresAt: new Date(Date.now() + 600_000).toISOString() } },
];

async function openManager(page: Page, manager: ManagerScript, script: Partial<FakeAgentScript> = {}) {
  await page.addInitScript(
    fakeAgentInitScript({
      health: [healthAnswer()],
      manager: { managerUnlock: unlocked, managerQueue: [queuePageOf([])], ...manager },
      ...script,
    }),
  );
  await page.goto(rendererUrl());
  await expect(page.getByTestId('link')).not.toContainText('Connecting');
  await page.getByRole('button', { name: /^Manager/ }).click();
  await page.getByLabel('Manager PIN').fill('1234');
  await page.getByLabel('Manager PIN').press('Enter');
  await expect(page.getByRole('heading', { name: 'Sales for Factor4' })).toBeVisible();
}

const topUpsOf = (topUps: ReturnType<typeof topUpOf>[]) => ({
  topUps,
  filename: 'till-agent-topups-0042-3-2026-12-06.csv',
  csv: 'topUpId,state\r\ntopup-7,DONE\r\n',
});

const chip = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === (globalThis as unknown as PageWindow).document.activeElement);
}

/** Presses Tab until `locator` has the keyboard (at most `limit` times). */
async function tabTo(page: Page, locator: Locator, limit = 30): Promise<void> {
  for (let i = 0; i < limit && !(await isFocused(locator)); i++) await page.keyboard.press('Tab');
  await expect(locator).toBeFocused();
}

async function expectFits(page: Page, buttons: Locator[]): Promise<void> {
  const overflow = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return w.document.documentElement.scrollWidth - w.innerWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  for (const button of buttons) {
    const box = await button.boundingBox();
    const name = await button.textContent();
    expect(box?.height, name ?? '').toBeGreaterThanOrEqual(48);
    expect(box?.width, name ?? '').toBeGreaterThanOrEqual(48);
  }
}

test('the Day: each figure with its count, total and meaning; another day; Download CSV', async ({
  page,
}) => {
  const earlier = dayReportOf({
    date: '2026-12-01',
    redeemed: { count: 2, totalMinor: 5000 },
    filename: 'till-agent-day-0042-3-2026-12-01.csv',
  });
  await openManager(page, {
    managerDayReport: [
      { ok: true, value: dayReportOf() },
      { ok: true, value: earlier },
    ],
    managerTopUps: [{ ok: true, value: topUpsOf([]) }],
  });
  await chip(page, 'Day').click();
  await expect(page.getByRole('heading', { name: 'Day', exact: true })).toBeFocused();
  const figures = page.getByTestId('day-figure');
  await expect(figures).toHaveCount(7);
  const redeemed = figures.nth(0);
  await expect(redeemed.getByRole('heading')).toHaveText('Redeemed');
  await expect(redeemed.getByTestId('figure-total')).toHaveText('£412.50');
  await expect(redeemed.getByTestId('figure-count')).toHaveText('12 card payments');
  await expect(redeemed).toContainText('confirmed by Factor4, less those voided');
  const size = await redeemed
    .getByTestId('figure-total')
    .evaluate((el) => parseFloat((globalThis as any).getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(28);
  await expect(figures.nth(4).getByRole('heading')).toHaveText('Top-ups');
  await expect(figures.nth(4).getByTestId('figure-count')).toHaveText('3 top-ups');
  await expect(figures.nth(6)).toContainText('1 item');
  await expect(page.getByTestId('day-what')).toHaveText('Till 0042-3');
  await expect(page.getByTestId('day-name')).toContainText(/^Today, \w+day \d{1,2} \w+ \d{4}$/);
  await expect(page.getByRole('button', { name: 'Next day' })).toHaveCount(0);
  await expect(page.getByTestId('day-topups-empty')).toHaveText('No top-ups on this day.');
  const today = (await callsTo(page, 'managerDayReport'))[0]?.date as string;
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('till-agent-day-0042-3-2026-12-06.csv');
  expect(fs.readFileSync(await download.path(), 'utf8')).toBe(dayReportOf().csv);
  await expect(page.getByTestId('day-notice')).toHaveText('Saved till-agent-day-0042-3-2026-12-06.csv.');

  const previous = page.getByRole('button', { name: 'Previous day' });
  await expectFits(page, [
    chip(page, 'Day'),
    chip(page, 'Void a sale'),
    page.getByRole('button', { name: 'Download CSV' }),
    previous,
  ]);

  await previous.click();
  const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await expect(page.getByTestId('day-name')).not.toContainText('Today');
  await expect(figures.nth(0).getByTestId('figure-total')).toHaveText('£50.00');
  await expect(page.getByTestId('day-notice')).toHaveCount(0);
  expect(await callsTo(page, 'managerDayReport')).toEqual([
    { session: SESSION, date: today },
    { session: SESSION, date: yesterday },
  ]);
  expect((await callsTo(page, 'managerTopUps')).at(-1)).toEqual({ session: SESSION, date: yesterday });
  await expectFits(page, [
    previous,
    page.getByRole('button', { name: 'Next day' }),
    page.getByRole('button', { name: 'Today', exact: true }),
  ]);
  await page.getByRole('button', { name: 'Today', exact: true }).click();
  await expect(page.getByTestId('day-name')).toContainText('Today');
});

test('keyboard only: a top-up of the day voided after a question, VOIDING then VOIDED', async ({ page }) => {
  const done = topUpOf({ topUpId: 'topup-7', amountMinor: 2000 });
  const failed = topUpOf({
    topUpId: 'topup-8',
    state: 'FAILED',
    error: { code: 'CARD_NOT_ACTIVE', message: 'This gift card can’t be used: it is blocked.' },
  });
  await openManager(page, {
    managerDayReport: [{ ok: true, value: dayReportOf() }],
    managerTopUps: [{ ok: true, value: topUpsOf([done, failed]) }],
    managerVoidTopUp: [{ ok: true, value: { ...done, state: 'VOIDING' } }],
  });
  await tabTo(page, chip(page, 'Day'));
  await page.keyboard.press('Enter');
  const rows = page.getByTestId('day-topup');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('topup-state')).toHaveText('Loaded');
  await expect(rows.nth(0)).toContainText('£20.00');
  await expect(rows.nth(1).getByTestId('topup-state')).toHaveText('Did not go through');
  await expect(rows.nth(1).getByRole('button', { name: 'Void' })).toHaveCount(0);
  // Why, by its code in the screen's language (the agent's English reason is for the POS).
  await expect(rows.nth(1)).toContainText("This card can't be used");
  await expect(rows.nth(1)).not.toContainText('it is blocked');

  const voidButton = rows.nth(0).getByRole('button', { name: 'Void', exact: true });
  await tabTo(page, voidButton);
  await page.keyboard.press('Enter');
  const question = rows.nth(0).getByTestId('confirm');
  await expect(question).toContainText(
    'Void the £20.00 top-up on the card ending 0045? Factor4 takes it back off the card.',
  );
  await expect(question.locator('.confirm-question')).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('void-topup-400x640.png') });
  expect(await callsTo(page, 'managerVoidTopUp')).toEqual([]);
  await expectFits(page, [
    rows.nth(0).getByRole('button', { name: 'Yes, void it' }),
    rows.nth(0).getByRole('button', { name: 'Keep it' }),
  ]);
  await page.keyboard.press('Tab');
  await expect(rows.nth(0).getByRole('button', { name: 'Yes, void it' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(rows.nth(0).getByTestId('topup-state')).toHaveText('Voiding: waiting for Factor4');
  await expect(page.getByTestId('day-notice')).toContainText('is being voided');
  await expect(rows.nth(0).getByRole('button', { name: 'Void' })).toHaveCount(0);
  expect(await callsTo(page, 'managerVoidTopUp')).toEqual([{ session: SESSION, topUpId: 'topup-7' }]);

  await emitEvent(page, { id: 'tv', type: 'topup', data: { ...done, state: 'VOIDED' } });
  await expect(rows.nth(0).getByTestId('topup-state')).toHaveText('Voided');
  // The figures are read again after the event.
  await expect.poll(async () => (await callsTo(page, 'managerDayReport')).length).toBe(2);

  // The day's top-ups as the agent's spreadsheet.
  const downloading = page.waitForEvent('download');
  await tabTo(page, page.getByRole('button', { name: 'Download top-ups CSV' }), 40);
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('till-agent-topups-0042-3-2026-12-06.csv');
  expect(fs.readFileSync(await download.path(), 'utf8')).toBe(topUpsOf([]).csv);
});

test('void a sale: the sale read back as a question, then voided; a refusal says why', async ({ page }) => {
  const closed = basketOf({
    basketId: 'b-41',
    state: 'CLOSED',
    closeState: 'DELIVERED',
    giftCardTenders: [tenderOf({ amountMinor: 2000 })],
  });
  await openManager(
    page,
    {
      managerVoidBasket: [
        refused(
          'CONFLICT',
          'Sale b-41 has refunds on it: void those refunds first, then the sale (or refund the rest instead).',
        ),
        { ok: true, value: { ...closed, state: 'VOIDED' } },
      ],
    },
    {
      sale: {
        getBasket: [refused('NOT_FOUND', 'There is no basket b-40.'), { ok: true, value: closed }],
        quiet: true,
      },
    },
  );
  await chip(page, 'Void a sale').click();
  const field = page.getByLabel('Sale id');
  await field.fill('b 40');
  await field.press('Enter');
  await expect(page.getByTestId('void-sale')).toContainText('Type the sale id as on the receipt');
  expect(await callsTo(page, 'getBasket')).toEqual([]);
  await field.fill('b-40');
  await field.press('Enter');
  await expect(page.getByTestId('void-sale-problem')).toContainText('Not found on this till');
  await field.fill('b-41');
  await page.getByRole('button', { name: 'Find the sale' }).click();
  const question = page.getByTestId('void-sale-question');
  await expect(question).toHaveText('Void sale b-41 (total £33.00)? £20.00 goes back to •••• 0011.');
  await expect(question).toBeFocused();
  await expectFits(page, [
    page.getByRole('button', { name: 'Void sale' }),
    page.getByRole('button', { name: 'Keep it' }),
  ]);

  await page.screenshot({ path: test.info().outputPath('void-sale-400x640.png') });
  await page.getByRole('button', { name: 'Void sale' }).click();
  const problem = page.getByTestId('void-sale-problem');
  await expect(problem).toContainText("Can't be done as it stands");
  await expect(problem).toContainText('void those refunds first');
  await page.getByRole('button', { name: 'Void sale' }).click();
  const outcome = page.getByTestId('void-sale-outcome');
  await expect(outcome).toHaveText(
    'Sale b-41 is voided. £20.00 goes back to its gift cards once Factor4 confirms it (see the queue).',
  );
  await expect(outcome.locator('.shape')).toHaveCount(1);
  await expect(problem).toHaveCount(0);
  expect(await callsTo(page, 'managerVoidBasket')).toEqual([
    { session: SESSION, basketId: 'b-41' },
    { session: SESSION, basketId: 'b-41' },
  ]);
  await page.getByRole('button', { name: 'Void another sale' }).click();
  await expect(page.getByLabel('Sale id')).toBeFocused();
});

/** Fills the refund form and confirms it. */
async function refund(page: Page, card: string, amount: string, sale = ''): Promise<void> {
  await page.getByLabel('Gift card number (or scan it)').fill(card);
  await page.getByLabel('Amount to refund').fill(amount);
  await page.getByLabel('Sale it came from (optional)').fill(sale);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a refund delivered: asked first, then on the card with its new balance; voided after a question', async ({
  page,
}) => {
  await openManager(page, {
    managerRefund: [{ ok: true, value: refundOf({ originalBasketId: 'b-41', reason: 'damaged' }) }],
    managerVoidRefund: [{ ok: true, value: refundOf({ state: 'VOIDING', originalBasketId: 'b-41' }) }],
  });
  await chip(page, 'Refund').click();
  await expect(page.getByRole('heading', { name: 'Refund onto a gift card' })).toBeFocused();
  await page.getByLabel('Amount to refund').fill('5');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('refund-view')).toContainText('Type or scan the number of the card');
  await expect(page.getByLabel('Gift card number (or scan it)')).toBeFocused();

  await page.getByLabel('Reason (optional)').fill('damaged');
  await refund(page, '6280390000000011', '5', 'b-41');
  await expect(page.getByTestId('refund-question')).toHaveText(
    'Refund £5.00 onto the card ending 0011 for sale b-41?',
  );
  expect(await callsTo(page, 'managerRefund')).toEqual([]);
  await page.getByRole('button', { name: 'Refund £5.00' }).click();

  const outcome = page.getByTestId('refund-outcome');
  await expect(outcome.getByTestId('refund-state')).toHaveText('Refunded: on the card now');
  await expect(outcome.getByTestId('refund-balance')).toHaveText('£22.00');
  await page.screenshot({ path: test.info().outputPath('refund-400x640.png') });
  const [call] = await callsTo(page, 'managerRefund');
  expect(call).toMatchObject({
    session: SESSION,
    cardNumber: '6280390000000011',
    amountMinor: 500,
    currency: 'GBP',
    originalBasketId: 'b-41',
    reason: 'damaged',
  });
  expect(call?.refundId).toMatch(/^refund-[0-9a-f]{24}$/);

  await outcome.getByRole('button', { name: 'Void this refund' }).click();
  await expect(outcome.getByTestId('confirm')).toContainText(
    'Void the £5.00 refund onto the card ending 0011?',
  );
  await outcome.getByRole('button', { name: 'Yes, void it' }).click();
  await expect(outcome.getByTestId('refund-state')).toHaveText('Voiding: waiting for Factor4');
  expect(await callsTo(page, 'managerVoidRefund')).toEqual([{ session: SESSION, refundId: 'refund-1' }]);
  await emitEvent(page, {
    id: 'rv',
    type: 'refund',
    data: refundOf({ state: 'VOIDED', originalBasketId: 'b-41' }),
  });
  await expect(outcome.getByTestId('refund-state')).toHaveText('Voided');
  await expect(outcome.getByRole('button', { name: 'Void this refund' })).toHaveCount(0);
});

test('a refund queued says so, and settles from its refund event', async ({ page }) => {
  await openManager(page, {
    managerRefund: [
      { ok: true, value: refundOf({ state: 'QUEUED', itemId: 'itm_9', balanceAfterMinor: undefined }) },
    ],
  });
  await chip(page, 'Refund').click();
  await refund(page, '6280390000000011', '5');
  await page.getByRole('button', { name: 'Refund £5.00' }).click();
  const state = page.getByTestId('refund-state');
  await expect(state).toHaveText('Queued: will reach the card when Centegra Plus is back');
  await expect(state.locator('.shape--triangle')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Void this refund' })).toBeVisible();
  await expectFits(page, [
    page.getByRole('button', { name: 'Void this refund' }),
    page.getByRole('button', { name: 'Make another refund' }),
  ]);
  await emitEvent(page, { id: 'rd', type: 'refund', data: refundOf() });
  await expect(state).toHaveText('Refunded: on the card now');
  await page.getByRole('button', { name: 'Make another refund' }).click();
  await expect(page.getByLabel('Gift card number (or scan it)')).toBeFocused();
  await expect(page.getByLabel('Amount to refund')).toHaveValue('');
});

test('refusals in words a manager acts on; a retry of the same refund keeps its refundId', async ({
  page,
}) => {
  await openManager(page, {
    managerRefund: [
      refused(
        'REFUND_EXCEEDS_ORIGINAL',
        'The card ending 0011 paid £33.00 in sale b-41; £3.00 of it can still be refunded. Refund no more than that, and the rest another way.',
      ),
      refused('INTERNAL', "Till Agent didn't answer. Try again."),
      refused(
        'CARD_NOT_IN_BASKET',
        'The card ending 0011 paid nothing in sale b-42. Refund it to the card that paid, or another way.',
      ),
      refused(
        'NOT_SUPPORTED',
        "Centegra Plus at this site doesn't offer gift card refunds (or hasn't said so to this till yet). Refund another way; IT can ask Centegra to enable them.",
      ),
    ],
  });
  await chip(page, 'Refund').click();
  await refund(page, '6280390000000011', '5', 'b-41');
  await page.getByRole('button', { name: 'Refund £5.00' }).click();
  const problem = page.getByTestId('refund-problem');
  await expect(problem).toContainText('More than the card paid in that sale');
  await expect(problem).toContainText('£3.00 of it can still be refunded');
  await expect(problem.locator('.shape')).toHaveCount(1);

  // The same refund sent again: the same id.
  await page.getByRole('button', { name: 'Refund £5.00' }).click();
  await expect(problem).toContainText('Something went wrong in Till Agent');
  // Changed: another refund, with its own id.
  await page.getByRole('button', { name: 'Change it' }).click();
  await page.getByLabel('Sale it came from (optional)').fill('b-42');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Refund £5.00' }).click();
  await expect(problem).toContainText("That card didn't pay in that sale");
  await page.getByRole('button', { name: 'Refund £5.00' }).click();
  await expect(problem).toContainText('Gift card refunds aren’t available at this site');
  await expect(problem).toContainText('Refund another way.');
  // IT's fix stays on Diagnostics.
  await expect(problem).not.toContainText('IT can ask Centegra');

  const ids = (await callsTo(page, 'managerRefund')).map((c) => c.refundId);
  expect(ids[0]).toBe(ids[1]);
  expect(ids[2]).not.toBe(ids[1]);
  expect(ids[3]).toBe(ids[2]);
});

test('an earlier refund found by its id, and voided', async ({ page }) => {
  const earlier = refundOf({ refundId: 'refund-old', state: 'DELIVERED', originalBasketId: 'b-9' });
  await openManager(
    page,
    { managerVoidRefund: [{ ok: true, value: { ...earlier, state: 'VOIDING' } }] },
    {
      sale: {
        getRefund: [
          refused('NOT_FOUND', 'There is no refund refund-nope on this till.'),
          { ok: true, value: earlier },
        ],
      },
    },
  );
  await chip(page, 'Refund').click();
  const field = page.getByLabel('Refund id');
  await field.fill('refund-nope');
  await field.press('Enter');
  await expect(page.getByTestId('refund-problem')).toContainText('Not found on this till');
  await field.fill('refund-old');
  await page.getByRole('button', { name: 'Find the refund' }).click();
  const outcome = page.getByTestId('refund-outcome');
  await expect(outcome.getByTestId('refund-state')).toHaveText('Refunded: on the card now');
  await expect(outcome).toContainText('b-9');
  await expect(page.getByTestId('refund-problem')).toHaveCount(0);
  await outcome.getByRole('button', { name: 'Void this refund' }).click();
  await outcome.getByRole('button', { name: 'Yes, void it' }).click();
  await expect(outcome.getByTestId('refund-state')).toHaveText('Voiding: waiting for Factor4');
  expect(await callsTo(page, 'getRefund')).toEqual([{ refundId: 'refund-nope' }, { refundId: 'refund-old' }]);
  expect(await callsTo(page, 'managerVoidRefund')).toEqual([{ session: SESSION, refundId: 'refund-old' }]);
});

test('a scanned card is refunded by its scan', async ({ page }) => {
  await openManager(page, { managerRefund: [{ ok: true, value: refundOf() }] });
  await chip(page, 'Refund').click();
  await emitEvent(page, {
    id: 's1',
    type: 'scan',
    data: {
      scanId: 'scan-5',
      at: new Date().toISOString(),
      source: { kind: 'hid', deviceId: 'hid-1' },
      valid: true,
      cardNumberMasked: '••••••••••••0011',
    },
  });
  await expect(page.getByTestId('refund-scanned')).toContainText('Scanned card •••• 0011');
  await page.getByLabel('Amount to refund').fill('5');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('refund-question')).toHaveText('Refund £5.00 onto the card ending 0011?');
  await page.getByRole('button', { name: 'Refund £5.00' }).click();
  await expect(page.getByTestId('refund-state')).toBeVisible();
  expect(await callsTo(page, 'managerRefund')).toMatchObject([{ scanId: 'scan-5', amountMinor: 500 }]);
  expect((await callsTo(page, 'managerRefund'))[0]).not.toHaveProperty('cardNumber');
});

test('the queue reads refunds, holds given back and a top-up’s void; the audit names the new actions', async ({
  page,
}) => {
  await openManager(page, {
    managerQueue: [
      queuePageOf([
        queueItemOf({
          itemId: 'q-1',
          kind: 'REFUND',
          basketId: 'b-41',
          refundId: 'refund-1',
          giftCardTotalMinor: 500,
        }),
        queueItemOf({ itemId: 'q-2', kind: 'HOLD_RELEASE', basketId: 'b-43', giftCardTotalMinor: 2000 }),
        queueItemOf({
          itemId: 'q-3',
          kind: 'VOID',
          basketId: '',
          topUpId: 'topup-7',
          giftCardTotalMinor: 2000,
        }),
      ]),
    ],
    managerAudit: [
      {
        ok: true,
        value: {
          entries: ['VOID_SALE', 'VOID_TOPUP', 'REFUND', 'VOID_REFUND', 'APPROVE_TOPUP', 'TOPUP'].map(
            (action) => ({
              at: new Date().toISOString(),
              action,
            }),
          ),
        },
      },
    ],
  });
  const items = page.getByTestId('queue-item');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0).getByRole('heading')).toHaveText('Refund refund-1 (sale b-41)');
  await expect(items.nth(1).getByRole('heading')).toHaveText('Hold given back b-43');
  await expect(items.nth(2).getByRole('heading')).toHaveText('Top-up voided topup-7');

  await chip(page, 'Audit').click();
  const entries = page.getByTestId('audit-entry');
  await expect(entries).toHaveCount(6);
  for (const [i, words] of [
    'Sale voided',
    'Top-up voided',
    'Refund made onto a card',
    'Refund voided',
    'Large top-up approved',
    'Card topped up',
  ].entries())
    await expect(entries.nth(i)).toContainText(words);
});
