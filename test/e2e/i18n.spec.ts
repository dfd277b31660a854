// The screens in English and Welsh, against the built renderer and a scripted window.tillAgent.
// In the pseudo-locale (en-XA, tests only) every catalogue message is wrapped in ⟦…⟧, so any
// visible words left over came from somewhere else: the test names them. In Welsh (config
// ui.language or the Till screen's switch) no English message shows, and axe finds nothing.
// This file: the Till screen's chrome (header, link, banners, queue note, card entry, the no-sale
// line, footer), a card checked (balance, status, expiry, when checked), an open sale with a card
// on it, and Till Agent's status unreadable. Every other screen has its own file, the same checks:
// i18n-results (every fault code, typing slips, notices), i18n-sale (closed and held sales, offline
// cards, the top-up steps), i18n-scanners (Scanners, Diagnostics, the support bundle),
// i18n-settings, i18n-manager (PIN, queue, audit, approval) and i18n-money (Day, top-ups, refunds,
// voids). Set aside, and marked lang="en": what the agent sends as free text with no code (a check's
// fix for IT, a scanner's problem, IT's warnings; `data-agent-text`), and data (ids, paths, keys).
import { expect, test, type Page } from '@playwright/test';
import { cyGB } from '../../renderer/src/i18n/cy-GB';
import { PSEUDO } from '../../renderer/src/i18n/languages';
import {
  basketOf,
  cardAnswer,
  fakeAgentInitScript,
  healthAnswer,
  tenderOf,
  type FakeAgentScript,
} from './fixtures/fake-agent';
import { axeViolations, chooseLanguage, englishShown, unmarkedText } from './fixtures/i18n';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();

/** Every Till-screen message that can show at once: offline, a queue, a storage problem, scanners to see to. */
const troubled = (language?: 'cy-GB') =>
  healthAnswer({
    ...(language ? { language } : {}),
    demo: true,
    status: 'DEGRADED',
    centegra: { state: 'OFFLINE', lastOkAt: '2025-03-03T14:00:00Z' },
    queue: { pending: 2, failed: 1 },
    storage: { ok: false },
    scanners: [{ deviceId: 'hid:1', kind: 'hid', connected: false }],
  });

async function openScreen(page: Page, script: Partial<FakeAgentScript>, language?: string): Promise<void> {
  if (language !== undefined) await chooseLanguage(page, language);
  await page.addInitScript(fakeAgentInitScript({ health: [healthAnswer()], ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('till')).toBeVisible();
}

test('every visible string on the Till screen comes from the catalogue (pseudo-locale)', async ({ page }) => {
  await openScreen(page, { health: [troubled()] }, PSEUDO);
  await expect(page.getByTestId('link-detail')).toBeVisible();
  await expect(page.getByTestId('storage-banner')).toBeVisible();
  await expect(page.getByTestId('queue-note')).toContainText('⟦');
  expect(await unmarkedText(page)).toEqual([]);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
});

test('Not connected comes from the catalogue too (pseudo-locale)', async ({ page }) => {
  await chooseLanguage(page, PSEUDO);
  await page.goto(rendererUrl());
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await unmarkedText(page)).toEqual([]);
});

test('a till set to Welsh (ui.language cy-GB) shows the Till screen in Welsh, with no axe violation', async ({
  page,
}) => {
  await openScreen(page, { health: [healthAnswer({ language: 'cy-GB', demo: true })] });
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy-GB');
  await expect(page.getByTestId('link')).toContainText('Ar-lein');
  await expect(page.getByLabel('Rhif y cerdyn rhodd')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Gwirio’r balans' })).toBeVisible();
  await expect(page.getByTestId('no-sale')).toHaveText(cyGB['sale.none']);
  expect(await englishShown(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});

test('the troubled Till screen in Welsh: Welsh plurals, no English, no axe violation', async ({ page }) => {
  await openScreen(page, { health: [troubled('cy-GB')] });
  await expect(page.getByTestId('queue-note')).toHaveText(
    '2 werthiant yn aros i’w hanfon · 1 gwerthiant wedi’i wrthod gan Factor4 — ewch at y rheolwr',
  );
  await expect(page.getByRole('button', { name: 'Sganwyr 1 angen sylw' })).toBeVisible();
  await expect(page.getByTestId('link')).toContainText('All-lein');
  expect(await englishShown(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});

test('the Till screen switches between English and Welsh, by keyboard, and keeps the choice for the session', async ({
  page,
}) => {
  await openScreen(page, {});
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  const toWelsh = page.getByRole('button', { name: 'Cymraeg' });
  await expect(toWelsh).toHaveAttribute('lang', 'cy-GB');
  await toWelsh.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy-GB');
  await expect(page.getByLabel('Rhif y cerdyn rhodd')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rhoi ar y gwerthiant' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('link')).toContainText('Ar-lein');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByLabel('Gift card number')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
});

const cards = {
  '6280390000000011': cardAnswer({ expiresOn: '2026-12-31' }),
  '6280390000000052': cardAnswer({ status: 'BLOCKED', cardNumberMasked: '•••• •••• •••• 0052' }),
};

async function check(page: Page, cardNumber: string): Promise<void> {
  await page.locator('#card-number').fill(cardNumber);
  await page.locator('#card-number').press('Enter');
  await expect(page.getByTestId('card')).toBeVisible();
}

test('a card checked, usable or blocked, comes from the catalogue (pseudo-locale)', async ({ page }) => {
  await openScreen(page, { cards }, PSEUDO);
  await check(page, '6280390000000011');
  await expect(page.getByTestId('status')).toHaveText('⟦Active — can be used⟧');
  expect(await unmarkedText(page)).toEqual([]);
  await check(page, '6280390000000052');
  await expect(page.getByTestId('status')).toHaveText(/⟦Blocked/);
  expect(await unmarkedText(page)).toEqual([]);
});

test('a card checked in Welsh: Welsh words and dates, money by Intl, no axe violation', async ({ page }) => {
  await openScreen(page, { cards, health: [healthAnswer({ language: 'cy-GB' })] });
  await check(page, '6280390000000011');
  await expect(page.getByTestId('balance')).toHaveText('£50.00');
  await expect(page.getByTestId('status')).toHaveText('Gweithredol — gellir ei ddefnyddio');
  // Welsh month names where the browser's Intl has Welsh; else the day in figures, never in English.
  await expect(page.getByTestId('card')).toContainText(/Yn ddilys tan (31 Rhagfyr 2026|31\/12\/2026)/);
  await expect(page.getByTestId('card')).toContainText(/Gwiriwyd am \d\d:\d\d/);
  expect(await englishShown(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
  await check(page, '6280390000000052');
  await expect(page.getByTestId('status')).toHaveText(/^Wedi’i rwystro/);
  expect(await englishShown(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});

/** A practice sale (demo) open with one card on it, as the POS's current basket. */
const openSale: Partial<FakeAgentScript> = {
  sale: {
    currentBasket: [
      { ok: true, value: { basket: basketOf({ giftCardTenders: [tenderOf({ amountMinor: 2000 })] }) } },
    ],
  },
};

test('an open sale with a card on it comes from the catalogue (pseudo-locale)', async ({ page }) => {
  await openScreen(page, openSale, PSEUDO);
  await expect(page.getByTestId('tender')).toBeVisible();
  expect(await unmarkedText(page)).toEqual([]);
});

test('an open sale in Welsh: Welsh words, money by Intl, no axe violation', async ({ page }) => {
  await openScreen(page, { ...openSale, health: [healthAnswer({ language: 'cy-GB' })] });
  await expect(page.getByTestId('tender')).toBeVisible();
  await expect(page.getByText('I’w dalu o hyd')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tynnu’r cerdyn sy’n gorffen â 0011' })).toBeVisible();
  expect(await englishShown(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});

test('Till Agent’s status unreadable is said by its code, from the catalogue, in Welsh too', async ({
  page,
}) => {
  const unreadable = {
    ok: false as const,
    error: { code: 'INTERNAL' as const, message: 'The agent said boom.' },
  };
  await chooseLanguage(page, PSEUDO);
  await page.addInitScript(fakeAgentInitScript({ health: [unreadable] }));
  await page.goto(rendererUrl());
  const box = page.getByTestId('health-problem');
  await expect(box).toContainText('⟦Try again. If it happens again, tell your manager.⟧');
  expect(await unmarkedText(page)).toEqual([]);

  await page.getByTestId('language-switch').click();
  await expect(box).toContainText(cyGB['error.INTERNAL.whatToDo']);
  await expect(box).not.toContainText('boom');
  expect(await englishShown(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
});
