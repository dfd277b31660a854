// The cashier's top-up beyond a plain answer, and held gift cards, in Chromium against the built
// renderer with the production CSP and a scripted window.tillAgent: a top-up not confirmed yet and
// settled by its `topup` event, one over the approval limit approved with the manager PIN (the
// same topUpId sent again), a refusal in words for someone paying in, and a held card whose hold
// lapsed while the sale stayed open.
import { expect, test, type Page } from '@playwright/test';
import type { Basket } from '../../main/agent/contract';
import {
  basketOf,
  callsTo,
  emitEvent,
  fakeAgentInitScript,
  type FakeAgentScript,
  healthAnswer,
  type ManagerScript,
  refused,
  type SaleScript,
  tenderOf,
  topUpOf,
} from './fixtures/fake-agent';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();

async function openScreen(page: Page, sale: SaleScript, script: Partial<FakeAgentScript> = {}) {
  await page.addInitScript(fakeAgentInitScript({ health: [healthAnswer()], sale, ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('link')).toContainText('Online');
}

const numberField = (page: Page) => page.getByLabel('Gift card number');

/** Keys the card ending 0045, asks to top it up by `amount`, and confirms. */
async function topUp(page: Page, amount: string): Promise<void> {
  await numberField(page).fill('6280390000000045');
  await page.getByRole('button', { name: 'Top up / activate' }).click();
  await page.getByLabel('Amount to add').fill(amount);
  await page.getByLabel('Amount to add').press('Enter');
  await page.getByRole('button', { name: /^Top up £/ }).click();
}

const pending = topUpOf({ state: 'PENDING', amountMinor: 2000 });
const approvalMessage = 'A top-up over £100.00 needs a manager: ask them to enter the manager PIN.';

test('a top-up not confirmed yet says not to take the money again, and settles by itself', async ({
  page,
}) => {
  await openScreen(page, { screenTopUp: [{ ok: true, value: pending }] });
  await topUp(page, '20');
  const note = page.getByTestId('topup-pending');
  await expect(note).toContainText('Top-up not confirmed yet');
  await expect(note).toContainText(
    "Centegra Plus hasn't confirmed the £20.00 top-up to the card ending 0045 yet. Till Agent keeps asking, and never loads the card twice.",
  );
  await expect(note).toContainText("Don't take the money again.");
  await expect(note.locator('.shape')).toHaveCount(1);
  await expect(page.getByTestId('topup')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('topup-pending-400x640.png') });

  // News of another top-up changes nothing; this one's settles it.
  await emitEvent(page, { id: 't0', type: 'topup', data: topUpOf({ topUpId: 'someone-else' }) });
  await expect(note).toBeVisible();
  const topUpId = (await callsTo(page, 'screenTopUp'))[0]?.topUpId as string;
  expect(topUpId).toMatch(/^topup-[0-9a-f]{24}$/);
  await emitEvent(page, {
    id: 't1',
    type: 'topup',
    data: topUpOf({ topUpId, balanceMinor: 3250 }),
  });
  await expect(page.getByTestId('new-balance')).toHaveText('£32.50');
  await expect(page.getByTestId('topped-up')).toContainText('£20.00 added to the card ending 0045');
  await expect(note).toHaveCount(0);
});

test('Check again asks about the same top-up; settled FAILED it says to give the money back', async ({
  page,
}) => {
  await openScreen(page, {
    screenTopUp: [{ ok: true, value: pending }],
    getTopUp: [
      { ok: true, value: pending },
      {
        ok: true,
        value: topUpOf({
          state: 'FAILED',
          error: {
            code: 'CARD_NOT_ACTIVE',
            message:
              "This gift card can't be used: it is blocked, expired or not activated. Ask for another way to pay.",
          },
        }),
      },
    ],
  });
  await topUp(page, '20');
  const check = page.getByRole('button', { name: 'Check again' });
  await check.click();
  await expect.poll(async () => (await callsTo(page, 'getTopUp')).length).toBe(1);
  await expect(page.getByTestId('topup-pending')).toBeVisible();
  await check.click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("This card can't be topped up");
  await expect(alert).toContainText('give the customer their money back, or top up another card');
  await expect(alert).not.toContainText('another way to pay');
  const topUpId = (await callsTo(page, 'screenTopUp'))[0]?.topUpId;
  expect(await callsTo(page, 'getTopUp')).toEqual([{ topUpId }, { topUpId }]);
});

test('a top-up refused at once says what to do with the money, never to take another way to pay', async ({
  page,
}) => {
  await openScreen(page, {
    screenTopUp: [
      refused(
        'TOPUP_LIMIT',
        'A top-up here is at most £250.00 (topUps.maxMinor). Load the rest as a second top-up, or ask a manager.',
      ),
    ],
  });
  await topUp(page, '300');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Too much for one top-up');
  await expect(alert).toContainText('Load the rest as a second top-up');
  await expect(alert).toContainText('Nothing was loaded onto the card: give the customer their money back');
});

const unlocked: ManagerScript['managerUnlock'] = [
  { ok: true, value: { session: 'sess-9', expiresAt: new Date(Date.now() + 600_000).toISOString() } },
];

test('over the approval limit: the manager PIN right there, then the same top-up again — keyboard only', async ({
  page,
}) => {
  await openScreen(
    page,
    {
      screenTopUp: [
        refused('MANAGER_SESSION_EXPIRED', approvalMessage, { approvalAboveMinor: 10000 }),
        { ok: true, value: topUpOf({ amountMinor: 15000, balanceMinor: 15000 }) },
      ],
    },
    {
      manager: {
        managerStatus: [{ ok: true, value: { pinSet: true, demoPin: true } }],
        managerUnlock: [
          refused('MANAGER_PIN_INCORRECT', 'That PIN is wrong. 4 tries left before the manager view locks.', {
            triesLeft: 4,
          }),
          ...unlocked!,
        ],
      },
    },
  );
  await expect(numberField(page)).toBeFocused();
  // Typed at a person's pace: faster, the screen would take it for a keyboard-wedge scanner.
  await page.keyboard.type('6280390000000045', { delay: 70 });
  // Tab from the number past the PIN and Check balance to Top up / activate.
  const topUpButton = page.getByRole('button', { name: 'Top up / activate' });
  for (let i = 0; i < 6 && !(await topUpButton.evaluate((el) => el === el.ownerDocument.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(topUpButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Amount to add')).toBeFocused();
  await page.keyboard.type('150');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('topup-question')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Top up £150.00' })).toBeFocused();
  await page.keyboard.press('Enter');

  const approval = page.getByTestId('topup-approval');
  await expect(approval).toContainText('A manager must approve this top-up');
  await expect(approval).toContainText(approvalMessage);
  await expect(approval.locator('.shape--triangle')).toHaveCount(1);
  const pin = page.getByLabel('Manager PIN');
  await expect(pin).toBeFocused();
  await expect(page.getByTestId('demo-pin-hint')).toHaveText('Demo PIN: 1234');
  await expect(page.getByTestId('topup-approval').getByRole('button', { name: 'Approve' })).toBeVisible();
  for (const name of ['Approve', 'Cancel']) {
    const box = await page.getByTestId('topup').getByRole('button', { name, exact: true }).boundingBox();
    expect(box?.height, name).toBeGreaterThanOrEqual(48);
    expect(box?.width, name).toBeGreaterThanOrEqual(48);
  }

  await page.screenshot({ path: test.info().outputPath('topup-approval-400x640.png') });
  await page.keyboard.type('9999');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pin-message')).toContainText('Wrong PIN');
  await expect(pin).toBeFocused();
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('new-balance')).toHaveText('£150.00');
  await expect(page.getByTestId('topup')).toHaveCount(0);
  const calls = await callsTo(page, 'screenTopUp');
  expect(calls).toHaveLength(2);
  expect(calls[0]).not.toHaveProperty('session');
  expect(calls[1]).toEqual({ ...calls[0], session: 'sess-9' });
  // The manager's session ends with the top-up.
  await expect.poll(() => callsTo(page, 'managerLock')).toEqual([{ session: 'sess-9' }]);
});

test('Cancel while waiting for the manager sends nothing more', async ({ page }) => {
  await openScreen(page, {
    screenTopUp: [refused('MANAGER_SESSION_EXPIRED', approvalMessage, { approvalAboveMinor: 10000 })],
  });
  await topUp(page, '150');
  await expect(page.getByLabel('Manager PIN')).toBeFocused();
  await page.getByTestId('topup').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('topup')).toHaveCount(0);
  expect(await callsTo(page, 'screenTopUp')).toHaveLength(1);
  expect(await callsTo(page, 'managerUnlock')).toHaveLength(0);
});

const heldUntil = new Date(Date.now() + 20 * 60_000);
const hhmm = (at: Date) => at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

test('a held card says the amount is held on it and until when; a lapsed hold is told', async ({ page }) => {
  const held = tenderOf({ amountMinor: 2000, held: true, holdExpiresAt: heldUntil.toISOString() });
  const other = tenderOf({
    tenderId: 'tnd_0078',
    cardNumberMasked: '••••••••••••0078',
    amountMinor: 1300,
    held: true,
    holdExpiresAt: new Date(Date.now() - 10_000).toISOString(),
  });
  const open: Basket = basketOf({ giftCardTenders: [held, other] });
  await openScreen(page, { currentBasket: [{ ok: true, value: { basket: open } }] });
  const tenders = page.getByTestId('tender');
  await expect(tenders).toHaveCount(2);
  const heldLine = tenders.first().getByTestId('tender-held');
  await expect(heldLine).toHaveText(`Held on the card until ${hhmm(heldUntil)}`);
  await expect(heldLine.locator('.shape--circle')).toHaveCount(1);

  // The agent gives back a hold that lapsed: the card goes from the sale, still open.
  await emitEvent(page, { id: 'b2', type: 'basket', data: basketOf({ giftCardTenders: [held] }) });
  await expect(tenders).toHaveCount(1);
  const gone = page.getByTestId('gone-tenders');
  await expect(gone).toHaveText(
    'The card ending 0078 is off the sale: its hold on £13.00 ran out because the sale was left open too long. Apply the card again if the customer still wants to use it.',
  );
  await expect(gone.locator('.shape--triangle')).toHaveCount(1);
  await expect(page.getByTestId('due')).toHaveText('£13.00');
  await page.screenshot({ path: test.info().outputPath('hold-lapsed-400x640.png') });

  // Escape clears the note, as it clears the till.
  await page.keyboard.press('Escape');
  await expect(gone).toHaveCount(0);
});
