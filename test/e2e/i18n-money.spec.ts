// The Manager view's money screens in the pseudo-locale and in Welsh, against the built renderer and
// a scripted window.tillAgent, in the app's 400 × 640 window: the Day with its figures (another day,
// a download, an empty day, a day that can't be read), a top-up listed and voided, a refund typed,
// asked, refused and done, and a sale found and voided. In the pseudo-locale every visible word comes
// from the catalogue; in Welsh no English message shows and axe finds nothing, in every state.
import { expect, test, type Page } from '@playwright/test';
import { cyGB } from '../../renderer/src/i18n/cy-GB';
import { enGB, type MessageId } from '../../renderer/src/i18n/en-GB';
import { PSEUDO } from '../../renderer/src/i18n/languages';
import {
  basketOf,
  dayReportOf,
  emitEvent,
  fakeAgentInitScript,
  type FakeAgentScript,
  healthAnswer,
  type ManagerScript,
  queuePageOf,
  refundOf,
  refused,
  tenderOf,
  topUpOf,
} from './fixtures/fake-agent';
import { axeViolations, chooseLanguage, englishShown, unmarkedText } from './fixtures/i18n';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();

type Shown = typeof PSEUDO | 'cy-GB';
const languages: Shown[] = [PSEUDO, 'cy-GB'];

/** A message without arguments as the screen shows it in `language`. */
const shown = (language: Shown, id: MessageId): string => (language === 'cy-GB' ? cyGB[id] : `⟦${enGB[id]}⟧`);

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const unlocked: ManagerScript['managerUnlock'] = [
  { ok: true, value: { session: 'sess-1', expiresAt: new Date(Date.now() + 600_000).toISOString() } },
];

const topUpsOf = (topUps: ReturnType<typeof topUpOf>[]) => ({
  topUps,
  filename: 'till-agent-topups-0042-3-2026-12-06.csv',
  csv: 'topUpId,state\r\ntopup-7,DONE\r\n',
});

async function openManager(
  page: Page,
  language: Shown,
  manager: ManagerScript,
  script: Partial<FakeAgentScript> = {},
): Promise<void> {
  if (language === PSEUDO) await chooseLanguage(page, PSEUDO);
  await page.addInitScript(
    fakeAgentInitScript({
      health: [healthAnswer(language === 'cy-GB' ? { language: 'cy-GB' } : {})],
      manager: { managerUnlock: unlocked, managerQueue: [queuePageOf([])], ...manager },
      ...script,
    }),
  );
  await page.goto(rendererUrl());
  await expect(page.getByTestId('till')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'cy-GB' ? 'cy-GB' : 'en-GB');
  const tab = new RegExp(`^${escaped(shown(language, 'header.tab.manager'))}`);
  await page.getByRole('button', { name: tab }).click();
  await page.getByLabel(shown(language, 'pin.label')).fill('1234');
  await page.getByLabel(shown(language, 'pin.label')).press('Enter');
  await expect(page.getByTestId('manager-panel')).toBeVisible();
  await expect(chip(page, language, 'manager.view.day')).toBeVisible();
}

const chip = (page: Page, language: Shown, id: MessageId) =>
  page.getByRole('button', { name: shown(language, id), exact: true });

/** The screen's words, as the language's test reads them: all marked, or no English and no axe finding. */
async function expectAllInLanguage(page: Page, language: Shown, state: string): Promise<void> {
  if (language === PSEUDO) expect(await unmarkedText(page), state).toEqual([]);
  else {
    expect(await englishShown(page), state).toEqual([]);
    expect(await axeViolations(page), state).toEqual([]);
  }
}

// axe runs in every Welsh state: slower than one screen's check on a shared machine.
test.describe.configure({ timeout: 120_000 });

/** Whether this Chromium has Intl's Welsh data (a trimmed one names days in figures instead). */
async function intlKnowsWelsh(page: Page): Promise<boolean> {
  return page.evaluate(() => Intl.DateTimeFormat.supportedLocalesOf(['cy-GB']).length > 0);
}

for (const language of languages) {
  test(`${language}: the Day with its figures, another day, a download, and a top-up voided`, async ({
    page,
  }) => {
    const done = topUpOf({ topUpId: 'topup-7', amountMinor: 2000 });
    const failed = topUpOf({
      topUpId: 'topup-8',
      state: 'FAILED',
      error: { code: 'CARD_NOT_ACTIVE', message: 'This gift card can’t be used: it is blocked.' },
    });
    await openManager(page, language, {
      managerDayReport: [{ ok: true, value: dayReportOf() }],
      managerTopUps: [{ ok: true, value: topUpsOf([done, failed]) }],
      managerVoidTopUp: [{ ok: true, value: { ...done, state: 'VOIDING' } }],
    });
    await chip(page, language, 'manager.view.day').click();
    const figures = page.getByTestId('day-figure');
    await expect(figures).toHaveCount(7);
    await expect(page.getByTestId('day-topup')).toHaveCount(2);
    if (language === 'cy-GB') {
      const welshDays = await intlKnowsWelsh(page);
      await expect(page.getByTestId('day-name')).toContainText(
        welshDays ? /^Heddiw, Dydd \S+ \d{1,2} \S+ \d{4}$/ : /^Heddiw, \d{2}\/\d{2}\/\d{4}$/,
      );
      await expect(figures.nth(0).getByTestId('figure-count')).toHaveText('12 taliad cerdyn');
      await expect(figures.nth(0).getByTestId('figure-total')).toHaveText('£412.50');
      await expect(page.getByTestId('day-topup').nth(1)).toContainText('Pam');
      await expect(page.getByTestId('day-topup').nth(1)).not.toContainText('it is blocked');
    } else {
      await expect(figures.nth(0).getByTestId('figure-count')).toHaveText('⟦12 card payments⟧');
    }
    await expectAllInLanguage(page, language, 'the day');

    const row = page.getByTestId('day-topup').nth(0);
    await row.getByRole('button', { name: shown(language, 'dayTopUp.void'), exact: true }).click();
    await expect(row.getByTestId('confirm')).toContainText('0045');
    await expectAllInLanguage(page, language, 'a top-up’s void asked');
    await row.getByRole('button', { name: shown(language, 'confirmAction.yes') }).click();
    await expect(page.getByTestId('day-notice')).toContainText('0045');
    await expect(row.getByTestId('topup-state')).toHaveText(shown(language, 'dayTopUp.state.VOIDING'));
    await expectAllInLanguage(page, language, 'a top-up being voided');
    await emitEvent(page, { id: 'tv', type: 'topup', data: { ...done, state: 'VOIDED' } });
    await expect(row.getByTestId('topup-state')).toHaveText(shown(language, 'dayTopUp.state.VOIDED'));

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: shown(language, 'day.downloadCsv'), exact: true }).click();
    await downloading;
    await expect(page.getByTestId('day-notice')).toContainText('till-agent-day-0042-3-2026-12-06.csv');
    await expectAllInLanguage(page, language, 'the day saved');

    await page.getByRole('button', { name: shown(language, 'day.previous') }).click();
    await expect(page.getByRole('button', { name: shown(language, 'day.next') })).toBeVisible();
    await expect(page.getByTestId('day-name')).not.toContainText(language === 'cy-GB' ? 'Heddiw' : 'Today');
    if (language === 'cy-GB')
      await expect(page.getByTestId('day-name')).toContainText(
        (await intlKnowsWelsh(page)) ? /^Dydd / : /^\d{2}\/\d{2}\/\d{4}$/,
      );
    await expect(figures).toHaveCount(7);
    await expectAllInLanguage(page, language, 'an earlier day');
  });

  test(`${language}: an empty day, and a day that can't be read`, async ({ page }) => {
    await openManager(page, language, {
      managerDayReport: [
        refused(
          'OFFLINE',
          "Centegra Plus can't be reached: check the till's network, then Company Settings > External Access.",
        ),
      ],
      managerTopUps: [{ ok: true, value: topUpsOf([]) }],
    });
    await chip(page, language, 'manager.view.day').click();
    await expect(page.getByTestId('day-topups-empty')).toHaveText(shown(language, 'dayTopUps.none'));
    const problem = page.getByTestId('day-problem');
    await expect(problem).toBeVisible();
    await expect(problem).not.toContainText('Company Settings');
    await expect(page.getByTestId('day-figure')).toHaveCount(0);
    await expectAllInLanguage(page, language, 'an empty day that could not be read');
  });

  test(`${language}: a refund typed, asked, refused, done, and its void asked`, async ({ page }) => {
    await openManager(page, language, {
      managerRefund: [
        refused(
          'REFUND_EXCEEDS_ORIGINAL',
          'The card ending 0011 paid £33.00 in sale b-41; £3.00 of it can still be refunded. Refund no more than that, and the rest another way.',
          { refundableMinor: 300 },
        ),
        { ok: true, value: refundOf({ originalBasketId: 'b-41', reason: 'damaged' }) },
      ],
    });
    await chip(page, language, 'manager.view.refund').click();
    await page.getByRole('button', { name: shown(language, 'refund.continue') }).click();
    await expect(page.getByLabel(shown(language, 'refund.cardNumber'))).toBeFocused();
    await expect(page.getByTestId('refund-view').getByRole('alert')).toHaveText(
      shown(language, 'refund.typo.cardMissing'),
    );
    await expectAllInLanguage(page, language, 'a refund with no card');

    await page.getByLabel(shown(language, 'refund.cardNumber')).fill('6280390000000011');
    await page.getByLabel(shown(language, 'refund.amount')).fill('5');
    await page.getByLabel(shown(language, 'refund.originalSale')).fill('b-41');
    await page.getByLabel(shown(language, 'refund.reason')).fill('damaged');
    await page.getByRole('button', { name: shown(language, 'refund.continue') }).click();
    await expect(page.getByTestId('refund-question')).toContainText('£5.00');
    await expectAllInLanguage(page, language, 'a refund asked');

    const send = page.getByTestId('refund-confirm').getByRole('button').first();
    await send.click();
    const problem = page.getByTestId('refund-problem');
    await expect(problem).toContainText(shown(language, 'moneyProblem.REFUND_EXCEEDS_ORIGINAL'));
    await expect(problem).toContainText('£3.00');
    await expectAllInLanguage(page, language, 'a refund refused');

    await send.click();
    const outcome = page.getByTestId('refund-outcome');
    await expect(outcome.getByTestId('refund-state')).toHaveText(shown(language, 'refund.state.DELIVERED'));
    await expect(outcome.getByTestId('refund-balance')).toHaveText('£22.00');
    await expectAllInLanguage(page, language, 'a refund done');

    await outcome.getByRole('button', { name: shown(language, 'refund.void') }).click();
    await expect(outcome.getByTestId('confirm')).toContainText('0011');
    await expectAllInLanguage(page, language, 'a refund’s void asked');
  });

  test(`${language}: a sale not found, found, asked about and voided`, async ({ page }) => {
    const closed = basketOf({
      basketId: 'b-41',
      state: 'CLOSED',
      closeState: 'DELIVERED',
      giftCardTenders: [tenderOf({ amountMinor: 2000 })],
    });
    await openManager(
      page,
      language,
      { managerVoidBasket: [{ ok: true, value: { ...closed, state: 'VOIDED' } }] },
      {
        sale: {
          getBasket: [refused('NOT_FOUND', 'There is no basket b-40.'), { ok: true, value: closed }],
          quiet: true,
        },
      },
    );
    await chip(page, language, 'manager.view.voidSale').click();
    const field = page.getByLabel(shown(language, 'voidSale.label'));
    await field.fill('b 40');
    await field.press('Enter');
    await expect(page.getByTestId('void-sale').getByRole('alert')).toHaveText(
      shown(language, 'voidSale.typo'),
    );
    await expectAllInLanguage(page, language, 'a sale id mistyped');

    await field.fill('b-40');
    await field.press('Enter');
    await expect(page.getByTestId('void-sale-problem')).toContainText(
      shown(language, 'moneyProblem.NOT_FOUND'),
    );
    await expectAllInLanguage(page, language, 'a sale not found');

    await field.fill('b-41');
    await field.press('Enter');
    const question = page.getByTestId('void-sale-question');
    await expect(question).toContainText('£33.00');
    await expect(question).toBeFocused();
    await expectAllInLanguage(page, language, 'a sale’s void asked');

    await page.getByRole('button', { name: shown(language, 'voidSale.void'), exact: true }).click();
    await expect(page.getByTestId('void-sale-outcome')).toContainText('£20.00');
    await expect(page.getByRole('button', { name: shown(language, 'voidSale.another') })).toBeVisible();
    await expectAllInLanguage(page, language, 'a sale voided');
  });
}
