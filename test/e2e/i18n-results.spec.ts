// The Till screen's results in English, Welsh and the pseudo-locale, against the built renderer and a
// scripted window.tillAgent: every fault code the screen can meet when checking, applying or topping
// up a card, a scan that is no gift card, a number, PIN or amount typed wrong, a card applied or
// removed. In the pseudo-locale no words are left unmarked; in Welsh no English shows (neither the
// catalogue's nor the agent's own message) and axe finds nothing; switching language while a problem
// is shown re-words it. What each state should say is worded here by the screen's own problemWords.
import { expect, test, type Page } from '@playwright/test';
import type { ApiError, ErrorCode, Result } from '../../main/agent/contract';
import { problemWords, type ErrorAction } from '../../renderer/src/error-words';
import { PSEUDO, type ScreenLanguage } from '../../renderer/src/i18n/languages';
import { intlFor } from '../../renderer/src/i18n/words';
import {
  basketOf,
  emitEvent,
  fakeAgentInitScript,
  healthAnswer,
  tenderOf,
  type FakeAgentScript,
} from './fixtures/fake-agent';
import { axeViolations, chooseLanguage, englishShown, unmarkedText } from './fixtures/i18n';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();

/** The agent's own English for a code (what the POS API says); none of it may show on a Welsh screen. */
const AGENT_WORDS = 'The card ending 0051 is blocked';
const refusal = (code: ErrorCode, details?: Record<string, number>): ApiError => ({
  code,
  message: `${AGENT_WORDS} (${code}). Take another way to pay.`,
  ...(details ? { details } : {}),
});
const refused = (error: ApiError): Result<never> => ({ ok: false, error });

const checkCodes: ErrorCode[] = [
  'CARD_NOT_FOUND',
  'PIN_REQUIRED',
  'CARD_NOT_ACTIVE',
  'NOT_A_GIFT_CARD',
  'BAD_REQUEST',
  'OFFLINE',
  'CENTEGRA_KEY_DISABLED',
  'FACTOR4_UNAVAILABLE',
  'RATE_LIMITED',
  'CENTEGRA_ERROR',
  'SITE_NOT_CONFIGURED',
  'STORAGE_FAILED',
  'INTERNAL',
];
const applyCodes: ErrorCode[] = [
  'CARD_NOT_FOUND',
  'PIN_REQUIRED',
  'CARD_NOT_ACTIVE',
  'ZERO_BALANCE',
  'INSUFFICIENT_FUNDS',
  'CARD_ALREADY_APPLIED',
  'NOTHING_DUE',
  'BAD_REQUEST',
  'BASKET_NOT_OPEN',
  'TENDER_MISMATCH',
  'NOT_SUPPORTED',
  'OFFLINE',
  'STORAGE_FAILED',
];
const topUpErrors: ApiError[] = [
  refusal('CARD_NOT_FOUND'),
  refusal('CARD_NOT_ACTIVE'),
  refusal('TOPUP_LIMIT', { maxMinor: 25000 }),
  refusal('TOPUP_LIMIT'),
  refusal('BAD_REQUEST'),
  refusal('OUTCOME_UNKNOWN'),
  refusal('RATE_LIMITED'),
  refusal('OFFLINE'),
  refusal('CONFLICT'),
];

type Shown = 'pseudo' | 'cy-GB';
const wordsFor = (shown: Shown) => intlFor((shown === 'pseudo' ? PSEUDO : 'cy-GB') as ScreenLanguage);

async function openScreen(page: Page, shown: Shown, script: Partial<FakeAgentScript>): Promise<void> {
  if (shown === 'pseudo') await chooseLanguage(page, PSEUDO);
  const health = healthAnswer(shown === 'cy-GB' ? { language: 'cy-GB' } : {});
  await page.addInitScript(fakeAgentInitScript({ health: [health], ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('till')).toBeVisible();
}

/** The problem box says what problemWords says, and the language's checks hold. */
async function expectProblem(page: Page, shown: Shown, error: ApiError, action: ErrorAction): Promise<void> {
  const expected = problemWords(wordsFor(shown), error, action, { currency: 'GBP' });
  const problem = page.getByTestId('problem');
  await expect(problem.getByRole('heading'), `${error.code} ${action}`).toHaveText(expected.heading);
  await expect(problem, `${error.code} ${action}`).toContainText(expected.message);
  await expectLanguage(page, shown, `${error.code} ${action}`);
}

async function expectLanguage(page: Page, shown: Shown, what: string): Promise<void> {
  if (shown === 'pseudo') {
    expect(await unmarkedText(page), what).toEqual([]);
    return;
  }
  expect(await englishShown(page), what).toEqual([]);
  await expect(page.getByTestId('result'), what).not.toContainText(AGENT_WORDS);
  expect(await axeViolations(page), what).toEqual([]);
}

/** Types a number and presses the entry's button (`check` or `apply`): Enter presses the first. */
async function press(page: Page, value: 'check' | 'apply', cardNumber = '6280390000000011'): Promise<void> {
  await page.locator('#card-number').fill(cardNumber);
  await page.locator(`.entry-buttons button[value="${value}"]`).click();
}

const openSale: FakeAgentScript['sale'] = {
  currentBasket: [{ ok: true, value: { basket: basketOf() } }],
};

for (const shown of ['pseudo', 'cy-GB'] as const) {
  test.describe(`the Till screen's results (${shown})`, () => {
    test.setTimeout(180_000);

    test('every fault met checking a card', async ({ page }) => {
      const cards = Object.fromEntries(
        checkCodes.map((code, i) => [`62803900000001${String(i).padStart(2, '0')}`, refused(refusal(code))]),
      );
      await openScreen(page, shown, { cards });
      for (const [i, code] of checkCodes.entries()) {
        await press(page, 'check', `62803900000001${String(i).padStart(2, '0')}`);
        await expectProblem(page, shown, refusal(code), 'balance');
      }
    });

    test('every fault met applying a card to the sale', async ({ page }) => {
      const errors = applyCodes.map((code) => refusal(code));
      await openScreen(page, shown, { sale: { ...openSale, applyGiftCard: errors.map(refused) } });
      await expect(page.getByTestId('due')).toBeVisible();
      for (const error of errors) {
        await press(page, 'apply');
        await expectProblem(page, shown, error, 'apply');
      }
    });

    test('every fault met topping up a card', async ({ page }) => {
      await openScreen(page, shown, { sale: { screenTopUp: topUpErrors.map(refused) } });
      for (const error of topUpErrors) {
        await page.locator('#card-number').fill('6280390000000045');
        await page.locator('.entry-more button[type="button"]').click();
        await page.locator('#topup-amount').fill('300');
        await page.locator('#topup-amount').press('Enter');
        await page.locator('[data-testid="topup"] button.check').click();
        await expectProblem(page, shown, error, 'topUp');
      }
    });

    test('a scan that is no gift card, what was typed wrong, a card applied and removed', async ({
      page,
    }) => {
      const words = wordsFor(shown);
      const paid = basketOf({ giftCardTenders: [tenderOf({ amountMinor: 2000 })] });
      await openScreen(page, shown, {
        sale: {
          ...openSale,
          applyGiftCard: [{ ok: true, value: paid }],
          removeGiftCard: [{ ok: true, value: basketOf() }],
        },
      });
      await expect(page.getByTestId('due')).toBeVisible();
      const problem = page.getByTestId('problem');

      await emitEvent(page, {
        id: 's1',
        type: 'scan',
        data: {
          scanId: 's1',
          at: '2025-03-03T14:32:00Z',
          source: { kind: 'hid', deviceId: 'hid:1' },
          valid: false,
          reason: 'That is a product barcode (EAN-13), not a gift card.',
        },
      });
      await expect(problem.getByRole('heading')).toHaveText(
        words.formatMessage({ id: 'error.NOT_A_GIFT_CARD.heading' }),
      );
      if (shown === 'cy-GB') await expect(problem).not.toContainText('product barcode');
      await expectLanguage(page, shown, 'not a gift card');

      await press(page, 'apply', '');
      await expect(problem.getByRole('heading')).toHaveText(
        words.formatMessage({ id: 'entryProblem.checkNumber' }),
      );
      await expectLanguage(page, shown, 'no number');

      // A new number clears the PIN: the PIN is typed after it.
      await page.locator('#card-number').fill('6280390000000011');
      await page.locator('#card-pin').fill('12');
      await page.locator('.entry-buttons button[value="apply"]').click();
      await expect(problem.getByRole('heading')).toHaveText(
        words.formatMessage({ id: 'entryProblem.checkPin' }),
      );
      await expectLanguage(page, shown, 'PIN');
      await page.locator('#card-pin').fill('');

      for (const typed of ['abc', '0']) {
        await page.locator('#max-amount').fill(typed);
        await press(page, 'apply');
        await expect(problem.getByRole('heading')).toHaveText(
          words.formatMessage({ id: 'entryProblem.checkAmount' }),
        );
        await expectLanguage(page, shown, `Take at most ${typed}`);
      }
      await page.locator('#max-amount').fill('');

      await press(page, 'apply');
      const notice = page.getByTestId('notice');
      await expect(notice.getByRole('heading')).toHaveText(
        words.formatMessage({ id: 'notice.appliedCard' }, { last4: '0011' }),
      );
      await expectLanguage(page, shown, 'applied');

      await page.getByTestId('tender').getByRole('button').click();
      await expect(notice.getByRole('heading')).toHaveText(
        words.formatMessage({ id: 'notice.removedCard' }, { last4: '0011' }),
      );
      await expectLanguage(page, shown, 'removed');
    });
  });
}

test('switching language while a problem and a notice are shown re-words them', async ({ page }) => {
  const error = refusal('CARD_NOT_ACTIVE');
  await openScreen(page, 'cy-GB', {
    sale: {
      ...openSale,
      applyGiftCard: [
        refused(error),
        { ok: true, value: basketOf({ giftCardTenders: [tenderOf({ amountMinor: 2000 })] }) },
      ],
    },
  });
  await expect(page.getByTestId('due')).toBeVisible();
  await press(page, 'apply');
  const problem = page.getByTestId('problem');
  const cy = problemWords(intlFor('cy-GB'), error, 'apply');
  const en = problemWords(intlFor('en-GB'), error, 'apply');
  await expect(problem.getByRole('heading')).toHaveText(cy.heading);
  await expect(problem).toContainText(cy.message);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  await expect(problem.getByRole('heading')).toHaveText("This card can't be used");
  await expect(problem).toContainText(en.message);
  // English says the agent's own fact about the card; Welsh said it in its own words.
  await expect(problem).toContainText(AGENT_WORDS);

  await press(page, 'apply');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('Card ending 0011 applied');
  await expect(notice).toContainText('£20.00 taken from it; £30.00 will be left on it. £13.00 still to pay.');
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect(notice.getByRole('heading')).toHaveText('Cerdyn yn gorffen 0011 wedi’i roi ar y gwerthiant');
  await expect(notice).toContainText('£20.00 wedi’i gymryd ohono');
  expect(await englishShown(page)).toEqual([]);
});
