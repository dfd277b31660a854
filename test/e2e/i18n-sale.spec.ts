// The rest of the Till screen in the catalogue, in the 400 × 640 window: a closed sale (queued, then
// delivered), held cards and one gone from the sale, a card taken offline with how old its balance
// is, each top-up step (the amount typed wrong, the question, a manager's approval, done, not
// confirmed yet) and a practice sale. In the pseudo-locale no visible words are left unmarked; in
// Welsh no English message shows and axe finds nothing.
import { expect, test, type Page } from '@playwright/test';
import type { Basket, Result } from '../../main/agent/contract';
import type { MessageId } from '../../renderer/src/i18n/en-GB';
import { loadMessages, PSEUDO, messagesFor, type ScreenLanguage } from '../../renderer/src/i18n/languages';
import {
  basketOf,
  emitEvent,
  fakeAgentInitScript,
  healthAnswer,
  tenderOf,
  topUpOf,
  type FakeAgentScript,
} from './fixtures/fake-agent';
import { axeViolations, chooseLanguage, englishShown, unmarkedText } from './fixtures/i18n';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();
// The screens fetch the Welsh catalogue only when they show Welsh: the test reads it too.
test.beforeAll(() => loadMessages('cy-GB'));

test.use({ viewport: { width: 400, height: 640 } });
// axe runs once for each state, up to six times in a test: slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

const languages: ScreenLanguage[] = [PSEUDO, 'cy-GB'];

async function openScreen(page: Page, language: ScreenLanguage, script: Partial<FakeAgentScript>) {
  await chooseLanguage(page, language);
  await page.addInitScript(fakeAgentInitScript({ health: [healthAnswer()], ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('till')).toBeVisible();
}

/** Nothing on screen outside the catalogue (pseudo-locale), or no English and no axe finding (Welsh). */
async function allInLanguage(page: Page, language: ScreenLanguage, what: string): Promise<void> {
  if (language === PSEUDO) {
    expect(await unmarkedText(page), what).toEqual([]);
  } else {
    expect(await englishShown(page), what).toEqual([]);
    expect(await axeViolations(page), what).toEqual([]);
  }
}

/** A message's words before its first argument, as the screen shows them in the language. */
const start = (language: ScreenLanguage, id: MessageId): string =>
  messagesFor(language)[id].split(/[{<]/)[0]!;

const paid = basketOf({ giftCardTenders: [tenderOf({ amountMinor: 3300 })] });
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

for (const language of languages) {
  test.describe(language, () => {
    test('a closed sale, queued and then delivered', async ({ page }) => {
      await openScreen(page, language, { sale: { currentBasket: [{ ok: true, value: { basket: paid } }] } });
      await expect(page.getByTestId('due')).toBeVisible();
      const queued = basketOf({ ...paid, state: 'CLOSED', closeState: 'QUEUED' });
      await emitEvent(page, { id: 'e1', type: 'basket', data: queued });
      await emitEvent(page, { id: 'e2', type: 'queue', data: { pending: 1, failed: 0 } });
      const state = page.getByTestId('close-state');
      await expect(state).toContainText(start(language, 'saleClosed.queued'));
      await expect(page.getByTestId('closed-tenders')).toContainText('0011');
      await allInLanguage(page, language, 'queued');
      await emitEvent(page, { id: 'e3', type: 'basket', data: { ...queued, closeState: 'DELIVERED' } });
      await expect(state).toContainText(start(language, 'saleClosed.delivered'));
      await allInLanguage(page, language, 'delivered');
    });

    test('held cards, and one gone from the sale when its hold ran out', async ({ page }) => {
      const held = tenderOf({
        amountMinor: 2000,
        held: true,
        holdExpiresAt: new Date(Date.now() + 20 * 60_000).toISOString(),
      });
      const lapsing = tenderOf({
        tenderId: 'tnd_0078',
        cardNumberMasked: '••••••••••••0078',
        amountMinor: 1300,
        held: true,
        holdExpiresAt: new Date(Date.now() - 10_000).toISOString(),
      });
      const open: Basket = basketOf({ giftCardTenders: [held, lapsing] });
      await openScreen(page, language, { sale: { currentBasket: [{ ok: true, value: { basket: open } }] } });
      await expect(page.getByTestId('tender-held')).toHaveCount(2);
      await expect(page.getByTestId('tender-held').first()).toContainText(start(language, 'sale.heldUntil'));
      await allInLanguage(page, language, 'held');
      await emitEvent(page, { id: 'b2', type: 'basket', data: basketOf({ giftCardTenders: [held] }) });
      const gone = page.getByTestId('gone-tenders');
      await expect(gone).toContainText('0078');
      await expect(gone).toContainText('£13.00');
      await allInLanguage(page, language, 'gone');
    });

    test('a card taken offline, with how old its balance is', async ({ page }) => {
      const offline = tenderOf({ amountMinor: 2000, offline: true, balanceCheckedAt: minutesAgo(35) });
      await openScreen(page, language, {
        health: [
          healthAnswer({ status: 'DEGRADED', centegra: { state: 'OFFLINE', lastOkAt: minutesAgo(40) } }),
        ],
        sale: {
          currentBasket: [{ ok: true, value: { basket: basketOf({ giftCardTenders: [offline] }) } }],
        },
      });
      await expect(page.getByTestId('offline-note')).toContainText(start(language, 'sale.offlineNote'));
      await expect(page.getByTestId('tender-offline')).toContainText(start(language, 'sale.takenOffline'));
      await expect(page.getByTestId('tender-age')).toContainText('35');
      await allInLanguage(page, language, 'offline');
    });

    test('the top-up steps: the amount typed wrong, the question, then not confirmed yet', async ({
      page,
    }) => {
      const m = messagesFor(language);
      await openScreen(page, language, {
        sale: { screenTopUp: [{ ok: true, value: topUpOf({ state: 'PENDING', amountMinor: 2000 }) }] },
      });
      await page.locator('#card-number').fill('6280390000000045');
      await page.getByRole('button', { name: m['entry.topUp'] }).click();
      const amount = page.locator('#topup-amount');
      await expect(amount).toBeFocused();
      await allInLanguage(page, language, 'amount');
      await amount.fill('0.005');
      await amount.press('Enter');
      await expect(page.locator('#topup-problem')).toContainText('£4.20');
      await allInLanguage(page, language, 'typed wrong');
      await amount.fill('abc');
      await amount.press('Enter');
      await expect(page.locator('#topup-problem')).toContainText('£12.00');
      await allInLanguage(page, language, 'not digits');
      await amount.fill('20');
      await amount.press('Enter');
      await expect(page.getByTestId('topup-question')).toContainText('0045');
      await expect(page.getByTestId('topup-question')).toContainText('£20.00');
      await allInLanguage(page, language, 'question');
      await page.locator('.topup-confirm button.check').click();
      await expect(page.getByTestId('topup-pending')).toBeVisible();
      await allInLanguage(page, language, 'pending');
    });

    test('a top-up done: the new balance', async ({ page }) => {
      const m = messagesFor(language);
      await openScreen(page, language, {
        sale: { screenTopUp: [{ ok: true, value: topUpOf({ amountMinor: 2000, balanceMinor: 3250 }) }] },
      });
      await page.locator('#card-number').fill('6280390000000045');
      await page.getByRole('button', { name: m['entry.topUp'] }).click();
      await page.locator('#topup-amount').fill('20');
      await page.locator('#topup-amount').press('Enter');
      await page.locator('.topup-confirm button.check').click();
      await expect(page.getByTestId('new-balance')).toHaveText('£32.50');
      await allInLanguage(page, language, 'done');
    });

    test('a top-up over the approval limit asks for a manager', async ({ page }) => {
      const m = messagesFor(language);
      const refused = {
        ok: false,
        error: {
          code: 'MANAGER_SESSION_EXPIRED',
          message: 'A top-up over £100.00 needs a manager: ask them to enter the manager PIN.',
          details: { approvalAboveMinor: 10000 },
        },
      } as Result<never>;
      await openScreen(page, language, {
        sale: { screenTopUp: [refused] },
        manager: { managerStatus: [{ ok: true, value: { pinSet: true, demoPin: true } }] },
      });
      await page.locator('#card-number').fill('6280390000000045');
      await page.getByRole('button', { name: m['entry.topUp'] }).click();
      await page.locator('#topup-amount').fill('150');
      await page.locator('#topup-amount').press('Enter');
      await page.locator('.topup-confirm button.check').click();
      await expect(page.getByTestId('topup-approval')).toContainText('£100.00');
      await expect(page.locator('#manager-pin')).toBeFocused();
      await allInLanguage(page, language, 'approval');
    });

    test('a practice sale, then cancelled', async ({ page }) => {
      const m = messagesFor(language);
      const practice = basketOf({
        basketId: 'practice-1',
        giftCardTenders: [tenderOf({ amountMinor: 2000 })],
      });
      await openScreen(page, language, {
        health: [healthAnswer({ demo: true })],
        sale: {
          putBasket: [{ ok: true, value: practice }],
          voidBasket: [{ ok: true, value: { ...practice, state: 'VOIDED', dueMinor: 0 } }],
        },
      });
      await page.getByRole('button', { name: m['sale.startPractice'] }).click();
      await expect(page.getByTestId('due')).toHaveText('£13.00');
      await expect(page.getByRole('button', { name: m['sale.closeRestInCash'] })).toBeVisible();
      await allInLanguage(page, language, 'practice sale');
      await page.getByRole('button', { name: m['sale.cancelPractice'] }).click();
      await expect(page.getByTestId('close-state')).toHaveText(m['saleClosed.practiceCancelled']);
      await allInLanguage(page, language, 'practice cancelled');
    });
  });
}
