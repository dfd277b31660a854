// The Manager view's frame in the pseudo-locale and in Welsh, against the built renderer and a
// scripted window.tillAgent, in a 400 × 640 window: the PIN prompt (a PIN of the wrong shape, a
// wrong PIN, a lockout), the queue (waiting, failed, settled and delivered items, a drain in
// progress, each item's details), the audit log, and a manager's approval of a large top-up. In the
// pseudo-locale no visible word comes from outside the catalogue; in Welsh no English message shows,
// and axe finds nothing. The agent's advice on an item is said by its code, from the item's figures.
import { expect, test, type Page } from '@playwright/test';
import { cyGB } from '../../renderer/src/i18n/cy-GB';
import { enGB, type MessageId } from '../../renderer/src/i18n/en-GB';
import { PSEUDO } from '../../renderer/src/i18n/languages';
import {
  fakeAgentInitScript,
  type FakeAgentScript,
  healthAnswer,
  type ManagerScript,
  queueItemOf,
  queuePageOf,
  refused,
  topUpOf,
} from './fixtures/fake-agent';
import { axeViolations, chooseLanguage, englishShown, unmarkedText } from './fixtures/i18n';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();
test.use({ viewport: { width: 400, height: 640 } });
// axe runs several times a test, and the machine is shared.
test.describe.configure({ timeout: 150_000 });

type Language = typeof PSEUDO | 'cy-GB';
const languages: Language[] = [PSEUDO, 'cy-GB'];

/** A message without arguments as the screen shows it in `language`. */
const say = (language: Language, id: MessageId): string => (language === PSEUDO ? `⟦${enGB[id]}⟧` : cyGB[id]);

const SESSION = 'sess-1';
const unlocked: ManagerScript['managerUnlock'] = [
  { ok: true, value: { session: SESSION, expiresAt: new Date(Date.now() + 600_000).toISOString() } },
];

/** What the screen shows for `language`: no English catalogue words (Welsh) or none outside it (pseudo), and for Welsh no axe finding. */
async function expectAllInLanguage(page: Page, language: Language): Promise<void> {
  if (language === PSEUDO) {
    expect(await unmarkedText(page)).toEqual([]);
  } else {
    expect(await englishShown(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  }
}

async function openScreen(
  page: Page,
  language: Language,
  manager: ManagerScript,
  script: Partial<FakeAgentScript> = {},
): Promise<void> {
  await chooseLanguage(page, language);
  const health = language === 'cy-GB' ? healthAnswer({ language: 'cy-GB' }) : healthAnswer();
  await page.addInitScript(fakeAgentInitScript({ health: [health], manager, ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('till')).toBeVisible();
}

const pinField = (page: Page) => page.locator('#manager-pin');

async function openManagerTab(page: Page, language: Language): Promise<void> {
  await page
    .getByRole('button', { name: say(language, 'header.tab.manager') })
    .first()
    .click();
  await expect(pinField(page)).toBeFocused();
}

async function enterPin(page: Page, pin: string): Promise<void> {
  await pinField(page).fill(pin);
  await pinField(page).press('Enter');
}

for (const language of languages) {
  test(`the PIN prompt, a PIN of the wrong shape and a wrong PIN (${language})`, async ({ page }) => {
    await openScreen(page, language, {
      managerStatus: [{ ok: true, value: { pinSet: true, demoPin: true } }],
      managerUnlock: [
        refused(
          'MANAGER_PIN_INCORRECT',
          'That PIN is wrong. 3 tries left before the manager view locks for a while.',
          { triesLeft: 3 },
        ),
      ],
    });
    await openManagerTab(page, language);
    await expect(page.getByTestId('demo-pin-hint')).toContainText('1234');
    await expectAllInLanguage(page, language);

    await enterPin(page, '12');
    await expect(page.getByTestId('pin-message')).toContainText(say(language, 'pin.format.heading'));
    await expectAllInLanguage(page, language);

    await enterPin(page, '9999');
    const message = page.getByTestId('pin-message');
    await expect(message).toContainText(say(language, 'error.MANAGER_PIN_INCORRECT.heading'));
    // Three tries: Welsh's "few", with its mutation.
    await expect(message).toContainText(language === PSEUDO ? '3 tries left' : '3 chynnig ar ôl');
    await expectAllInLanguage(page, language);
  });

  test(`a lockout, with until when (${language})`, async ({ page }) => {
    const until = new Date(Date.now() + 15 * 60_000).toISOString();
    await openScreen(page, language, {
      managerStatus: [{ ok: true, value: { pinSet: true, demoPin: false } }],
      statusAfterLockout: { ok: true, value: { pinSet: true, demoPin: false, lockedUntil: until } },
      managerUnlock: [
        refused(
          'MANAGER_LOCKED',
          'That PIN is wrong, and that was the 5th try. The manager view is locked for 15 minutes.',
          { tries: 5, lockedMinutes: 15 },
        ),
      ],
    });
    await openManagerTab(page, language);
    await enterPin(page, '5555');
    await expect(page.getByTestId('locked-until')).toBeVisible();
    await expect(page.getByTestId('pin-message')).toContainText(
      language === PSEUDO ? /locked for ⟦15 minutes⟧/ : 'wedi cloi am 15 munud',
    );
    await expect(pinField(page)).toBeDisabled();
    await expectAllInLanguage(page, language);
  });
}

const hour = 60 * 60_000;
const failedItem = queueItemOf({
  itemId: 'q-7',
  basketId: 'b-77',
  state: 'FAILED',
  attempts: 3,
  lastError: "There isn't enough left on this gift card.",
  lastErrorCode: 'INSUFFICIENT_FUNDS',
});
const waitingItem = queueItemOf({
  itemId: 'q-8',
  basketId: 'b-88',
  nextAttemptAt: new Date(Date.now() + 60_000).toISOString(),
  lastError: "Centegra Plus can't be reached.",
  lastErrorCode: 'OFFLINE',
  outcomeUnknown: true,
});
const settledItem = queueItemOf({
  itemId: 'q-6',
  kind: 'REFUND',
  basketId: 'b-66',
  refundId: 'rf-6',
  state: 'FAILED',
  resolution: 'COLLECTED: collected from the customer (paid cash)',
  createdAt: new Date(Date.now() - 3 * 24 * hour).toISOString(),
});
const deliveredItem = queueItemOf({
  itemId: 'q-5',
  kind: 'HOLD_RELEASE',
  basketId: 'b-55',
  state: 'DELIVERED',
  deliveredAt: new Date(Date.now() - hour).toISOString(),
  cardNumbersMasked: [],
});
const sendingItem = queueItemOf({ itemId: 'q-4', basketId: 'b-44', state: 'IN_FLIGHT', defect: true });

for (const language of languages) {
  test(`the queue while it drains, each item's details, and the audit (${language})`, async ({ page }) => {
    // The agent's advice, with its code: the screen says it by the code, from the item's own figures.
    const failed = {
      ...failedItem,
      advice: 'The card ending 0011 was spent elsewhere … Collect £33.00 from the customer, or write it off.',
      adviceCode: 'SPENT_ELSEWHERE' as const,
    };
    await openScreen(page, language, {
      managerUnlock: unlocked,
      managerQueue: [
        queuePageOf([failed, waitingItem, sendingItem, settledItem, deliveredItem], {
          pending: 380,
          failed: 1,
          oldestPendingAt: new Date(Date.now() - 2 * hour).toISOString(),
          oldestPendingAgeMs: 2 * hour + 5 * 60_000,
          sending: { sent: 120, of: 500 },
        }),
      ],
      managerAudit: [
        {
          ok: true,
          value: {
            entries: [
              { at: new Date().toISOString(), action: 'WRITTEN_OFF', itemId: 'q-7' },
              { at: new Date().toISOString(), action: 'PIN_WRONG' },
              { at: new Date(Date.now() - 3 * 24 * hour).toISOString(), action: 'UNLOCK' },
              // The agent's own detail is English: shown in Welsh only, where it is marked so.
              ...(language === PSEUDO
                ? []
                : [{ at: new Date().toISOString(), action: 'EXPORT_CSV', detail: '3 items (FAILED)' }]),
            ],
          },
        },
      ],
    });
    await openManagerTab(page, language);
    await enterPin(page, '1234');
    await expect(page.locator('#queue-heading')).toHaveText(say(language, 'managerQueue.heading'));
    await expect(page.getByTestId('queue-item')).toHaveCount(5);
    await expect(page.getByTestId('queue-sending')).toContainText('120');
    await expect(page.getByTestId('queue-counts')).toContainText('380');
    const items = page.getByTestId('queue-item');
    await expect(items.nth(0).getByTestId('item-amount')).toHaveText('£33.00');
    await expect(items.nth(0).getByTestId('item-error')).toHaveText(
      say(language, 'error.INSUFFICIENT_FUNDS.heading'),
    );
    await expect(items.nth(1).getByTestId('item-unknown')).toBeVisible();
    await expect(items.nth(3).getByTestId('item-resolution')).toContainText('paid cash');
    if (language === 'cy-GB') {
      await expect(items.nth(0).getByTestId('item-advice')).toContainText('Casglwch £33.00 gan y cwsmer');
      await expect(items.nth(0).getByTestId('item-advice').locator('[lang="en"]')).toHaveCount(0);
      await expect(items.nth(0).getByTestId('item-state')).toHaveText('Heb fynd drwodd');
      await expect(page.getByTestId('queue-sending')).toHaveText('Wrthi’n anfon 120 o 500');
    }
    await expectAllInLanguage(page, language);

    await page
      .getByRole('button', { name: say(language, 'managerQueue.filter.failed'), exact: true })
      .click();
    await expect(
      page.getByRole('button', { name: say(language, 'managerQueue.filter.failed'), exact: true }),
    ).toHaveAttribute('aria-pressed', 'true');
    await expectAllInLanguage(page, language);

    await page.getByRole('button', { name: say(language, 'manager.view.audit'), exact: true }).click();
    await expect(page.getByTestId('audit-entry')).toHaveCount(language === PSEUDO ? 3 : 4);
    if (language === 'cy-GB')
      await expect(page.getByTestId('audit-entry').nth(3).locator('[lang="en"]')).toHaveText(
        '3 items (FAILED)',
      );
    await expect(page.getByTestId('audit-entry').nth(1)).toContainText(
      say(language, 'audit.action.pinWrong'),
    );
    await expectAllInLanguage(page, language);
  });

  test(`a manager's approval of a large top-up (${language})`, async ({ page }) => {
    await openScreen(
      page,
      language,
      {
        managerStatus: [{ ok: true, value: { pinSet: true, demoPin: true } }],
        managerUnlock: [
          refused('MANAGER_PIN_INCORRECT', 'That PIN is wrong. 4 tries left.', { triesLeft: 4 }),
        ],
      },
      {
        sale: {
          screenTopUp: [
            refused(
              'MANAGER_SESSION_EXPIRED',
              'A top-up over £100.00 needs a manager: ask them to enter the manager PIN.',
              { approvalAboveMinor: 10000 },
            ),
            { ok: true, value: topUpOf({ amountMinor: 15000, balanceMinor: 15000 }) },
          ],
        },
      },
    );
    await page.locator('#card-number').fill('6280390000000045');
    await page.getByRole('button', { name: say(language, 'entry.topUp') }).click();
    await page.getByLabel(say(language, 'topUp.amount')).fill('150');
    await page.getByLabel(say(language, 'topUp.amount')).press('Enter');
    await page
      .getByTestId('topup')
      .getByRole('button', { name: /£150\.00/ })
      .click();
    const approval = page.getByTestId('topup-approval');
    await expect(approval).toContainText(say(language, 'approval.heading'));
    await expect(approval).toContainText('£100.00');
    await expect(pinField(page)).toBeFocused();
    await expectAllInLanguage(page, language);

    await enterPin(page, '9999');
    await expect(page.getByTestId('pin-message')).toContainText(
      say(language, 'error.MANAGER_PIN_INCORRECT.heading'),
    );
    await expectAllInLanguage(page, language);
  });
}
