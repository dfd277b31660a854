// The cashier's steps that the demo cannot stage on demand, in Chromium against the built renderer
// with the production CSP and a scripted window.tillAgent (400 × 640): the keyboard back on the
// card number when a manager's PIN prompt locks out, the PIN never sent with the next card, one
// Apply to sale after a scan, and the screen following the POS back to an earlier basket.
import { expect, test, type Page } from '@playwright/test';
import type { Basket } from '../../main/agent/contract';
import {
  basketOf,
  callsTo,
  cardAnswer,
  emitEvent,
  fakeAgentInitScript,
  type FakeAgentScript,
  healthAnswer,
  refused,
  type SaleScript,
  tenderOf,
} from './fixtures/fake-agent';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();

async function openScreen(page: Page, sale: SaleScript, script: Partial<FakeAgentScript> = {}) {
  await page.addInitScript(fakeAgentInitScript({ health: [healthAnswer()], sale, ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('link')).toContainText('Online');
}

const numberField = (page: Page) => page.getByLabel('Gift card number');
const pinField = (page: Page) => page.getByLabel('PIN (if the card has one)');
const due = (page: Page) => page.getByTestId('due');
const applyButtons = (page: Page) => page.getByRole('button', { name: 'Apply to sale', exact: true });
const withBasket = (basket: Basket): SaleScript['currentBasket'] => [{ ok: true, value: { basket } }];
let events = 0;
const basketEvent = (page: Page, basket: Basket) =>
  emitEvent(page, { id: `steps.${++events}`, type: 'basket', data: basket });

test('a manager PIN prompt that locks out hands the keyboard back to the card number', async ({ page }) => {
  const until = new Date(Date.now() + 15 * 60_000).toISOString();
  await openScreen(
    page,
    {
      screenTopUp: [
        refused(
          'MANAGER_SESSION_EXPIRED',
          'A top-up over £100.00 needs a manager: ask them to enter the PIN.',
          { approvalAboveMinor: 10000 },
        ),
      ],
    },
    {
      manager: {
        statusAfterLockout: { ok: true, value: { pinSet: true, demoPin: false, lockedUntil: until } },
        managerUnlock: [
          refused('MANAGER_LOCKED', 'That PIN is wrong, and that was the 5th try. Locked for 15 minutes.', {
            tries: 5,
            lockedMinutes: 15,
          }),
        ],
      },
    },
  );
  await numberField(page).fill('6280390000000045');
  await page.getByRole('button', { name: 'Top up / activate' }).click();
  await page.getByLabel('Amount to add').fill('150');
  await page.getByLabel('Amount to add').press('Enter');
  await page.getByRole('button', { name: 'Top up £150.00' }).click();
  const managerPin = page.getByLabel('Manager PIN');
  await expect(managerPin).toBeFocused();
  await managerPin.fill('9999');
  await managerPin.press('Enter');

  await expect(page.getByTestId('locked-until')).toBeVisible();
  await expect(managerPin).toBeDisabled();
  await expect(numberField(page)).toBeFocused();
  // What the cashier keys next lands in the field.
  await numberField(page).press('End');
  await page.keyboard.type('7', { delay: 60 });
  await expect(numberField(page)).toHaveValue('62803900000000457');
});

test('a PIN goes with its card: cleared after a refused apply and never sent with the next one', async ({
  page,
}) => {
  const paid = basketOf({ giftCardTenders: [tenderOf({ amountMinor: 3300 })] });
  await openScreen(page, {
    currentBasket: withBasket(basketOf()),
    applyGiftCard: [
      refused('CARD_NOT_FOUND', 'Factor4 does not know this card number and PIN.'),
      { ok: true, value: paid },
    ],
  });
  await expect(pinField(page)).toHaveAttribute('type', 'password');
  await numberField(page).fill('6280390000000029');
  await pinField(page).fill('9999');
  await applyButtons(page).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(pinField(page)).toHaveValue('');
  await expect(numberField(page)).toBeFocused();

  await numberField(page).fill('6280390000000011');
  await applyButtons(page).click();
  await expect(due(page)).toHaveText('£0.00');
  expect(await callsTo(page, 'applyGiftCard')).toEqual([
    { basketId: 'b-1', cardNumber: '6280390000000029', pin: '9999' },
    { basketId: 'b-1', cardNumber: '6280390000000011' },
  ]);
});

test('a scan takes the place of the number typed: one Apply to sale, for the card in view', async ({
  page,
}) => {
  const paid = basketOf({ giftCardTenders: [tenderOf({ amountMinor: 3300 })] });
  await openScreen(page, {
    currentBasket: withBasket(basketOf()),
    applyGiftCard: [{ ok: true, value: paid }],
  });
  await expect(due(page)).toHaveText('£33.00');
  await numberField(page).fill('6280390000000078');
  await pinField(page).fill('4321');

  const at = new Date().toISOString();
  const source = { kind: 'hid' as const, deviceId: 'hid:0c2e:0b61' };
  const masked = '••••••••••••0011';
  await emitEvent(page, {
    id: 's1',
    type: 'scan',
    data: { scanId: 's1', at, source, valid: true, cardNumberMasked: masked },
  });
  const answer = cardAnswer({ scanId: 's1', cardNumberMasked: masked });
  if (answer.ok) await emitEvent(page, { id: 's1c', type: 'card', data: answer.value });
  await expect(page.getByTestId('scanned')).toBeVisible();
  // The typed number and its PIN went with the scan: one Apply, the scanned card's.
  await expect(numberField(page)).toHaveValue('');
  await expect(pinField(page)).toHaveValue('');
  await expect(applyButtons(page)).toHaveCount(1);
  await expect(page.getByTestId('apply-scanned')).toBeVisible();

  // Typing a number makes it the card in view: again one Apply, the form's.
  await numberField(page).fill('6280390000000078');
  await expect(applyButtons(page)).toHaveCount(1);
  await expect(page.getByTestId('apply-scanned')).toHaveCount(0);

  // Cleared, Enter applies the scanned card still shown.
  await numberField(page).fill('');
  await expect(applyButtons(page)).toHaveCount(1);
  await numberField(page).press('Enter');
  await expect(due(page)).toHaveText('£0.00');
  expect(await callsTo(page, 'applyGiftCard')).toEqual([{ basketId: 'b-1', scanId: 's1' }]);
});

test('the screen follows the POS back to an earlier basket, but not the queue’s news of one', async ({
  page,
}) => {
  const first = basketOf({ basketId: 'b-1', totalMinor: 3300 });
  await openScreen(page, { currentBasket: withBasket(first) });
  await expect(due(page)).toHaveText('£33.00');
  await basketEvent(page, basketOf({ basketId: 'b-2', totalMinor: 1250 }));
  await expect(due(page)).toHaveText('£12.50');

  // The POS goes back to b-1 (a parked sale recalled) and changes it: the screen shows b-1.
  await basketEvent(page, basketOf({ basketId: 'b-1', totalMinor: 4100 }));
  await expect(due(page)).toHaveText('£41.00');
  await expect(page.getByTestId('sale-total')).toHaveText('Total £41.00');

  // b-2 closed and delivered later is the queue's news: the screen stays on b-1.
  const closed = basketOf({ basketId: 'b-2', totalMinor: 1250, state: 'CLOSED', closeState: 'DELIVERED' });
  await basketEvent(page, closed);
  await page.waitForTimeout(100);
  await expect(due(page)).toHaveText('£41.00');
  await expect(page.getByTestId('close-state')).toHaveCount(0);
});

test('back on the till from the Manager or Scanners tab, the keyboard is on the card number', async ({
  page,
}) => {
  await openScreen(page, {});
  for (const tab of [/^Manager/, /^Scanners/]) {
    await page.getByRole('button', { name: tab }).click();
    await expect(numberField(page)).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(numberField(page)).toBeFocused();
  }
  await page.getByRole('button', { name: /^Scanners/ }).click();
  await page.getByRole('button', { name: /^Till/ }).click();
  await expect(numberField(page)).toBeFocused();
});
