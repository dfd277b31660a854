// The Manager tab and the offline parts of the screen, in Chromium against the built renderer with
// the production CSP and a scripted window.tillAgent: the PIN prompt (refusals, lockout), the queue
// with its summary, advice and actions, the CSV export, the audit, session expiry, the red storage
// banner, and a sale taken offline on last known balances.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  basketOf,
  callsTo,
  emitEvent,
  emitQueue,
  emitStorage,
  fakeAgentInitScript,
  type FakeAgentScript,
  healthAnswer,
  type ManagerScript,
  queueItemOf,
  queuePageOf,
  refused,
  tenderOf,
} from './fixtures/fake-agent';
import { guardedRendererScreen } from './fixtures/screen';

/** The little of the page's `window` these tests read (the tests compile without the DOM library). */
interface PageWindow {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number } };
}

const rendererUrl = guardedRendererScreen();

const SESSION = 'sess-1';
const unlocked: ManagerScript['managerUnlock'] = [
  { ok: true, value: { session: SESSION, expiresAt: new Date(Date.now() + 600_000).toISOString() } },
];

const advice =
  'The card ending 0078 was spent elsewhere before this sale reached Factor4, so nothing was redeemed. Collect £33.00 from the customer, or write it off.';
const failedItem = queueItemOf({
  itemId: 'q-7',
  basketId: 'b-77',
  state: 'FAILED',
  attempts: 1,
  lastError: 'There is not enough on the card.',
  lastErrorCode: 'INSUFFICIENT_FUNDS',
  advice,
});
const waitingItem = queueItemOf({
  itemId: 'q-8',
  basketId: 'b-88',
  nextAttemptAt: new Date(Date.now() + 60_000).toISOString(),
  lastError: "Centegra Plus can't be reached.",
  lastErrorCode: 'OFFLINE',
  outcomeUnknown: true,
});
const { advice: _advice, ...failedPlain } = failedItem;
const resolvedItem = { ...failedPlain, resolution: 'COLLECTED: collected from the customer (paid cash)' };

async function openScreen(page: Page, manager: ManagerScript = {}, script: Partial<FakeAgentScript> = {}) {
  await page.addInitScript(fakeAgentInitScript({ health: [healthAnswer()], manager, ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('link')).not.toContainText('Connecting');
}

const managerTab = (page: Page) => page.getByRole('button', { name: /^Manager/ });
const pinField = (page: Page) => page.getByLabel('Manager PIN');
const openButton = (page: Page) => page.getByRole('button', { name: 'Open', exact: true });
const items = (page: Page) => page.getByTestId('queue-item');

/** Opens the Manager tab and unlocks it with PIN 1234. */
async function unlock(page: Page): Promise<void> {
  await managerTab(page).click();
  await expect(pinField(page)).toBeFocused();
  await pinField(page).fill('1234');
  await pinField(page).press('Enter');
  await expect(page.getByRole('heading', { name: 'Sales for Factor4' })).toBeVisible();
}

test('the PIN prompt: masked, numeric, demo hint; a wrong PIN says how many tries are left', async ({
  page,
}) => {
  await openScreen(page, {
    managerStatus: [{ ok: true, value: { pinSet: true, demoPin: true } }],
    managerUnlock: [
      refused(
        'MANAGER_PIN_INCORRECT',
        'That PIN is wrong. 4 tries left before the manager view locks for a while.',
        { triesLeft: 4 },
      ),
    ],
  });
  await managerTab(page).click();
  await expect(managerTab(page)).toHaveAttribute('aria-current', 'page');
  const pin = pinField(page);
  await expect(pin).toBeFocused();
  await expect(pin).toHaveAttribute('type', 'password');
  await expect(pin).toHaveAttribute('inputmode', 'numeric');
  await expect(page.getByTestId('demo-pin-hint')).toHaveText('Demo PIN: 1234');

  // Too short: refused here, without spending one of the tries.
  await pin.fill('12');
  await pin.press('Enter');
  await expect(page.getByTestId('pin-message')).toContainText('A manager PIN is 6 to 12 digits');
  expect(await callsTo(page, 'managerUnlock')).toHaveLength(0);

  await pin.fill('9999');
  await pin.press('Enter');
  const message = page.getByTestId('pin-message');
  await expect(message).toContainText('Wrong PIN');
  await expect(message).toContainText('4 tries left');
  await expect(pin).toHaveValue('');
  await expect(pin).toBeFocused();
  expect(await callsTo(page, 'managerUnlock')).toEqual([{ pin: '9999' }]);
});

test('a lockout says until when and shuts the prompt', async ({ page }) => {
  const until = new Date(Date.now() + 15 * 60_000);
  const hhmm = until.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  await openScreen(page, {
    managerStatus: [{ ok: true, value: { pinSet: true, demoPin: false } }],
    statusAfterLockout: {
      ok: true,
      value: { pinSet: true, demoPin: false, lockedUntil: until.toISOString() },
    },
    managerUnlock: [
      refused(
        'MANAGER_LOCKED',
        'That PIN is wrong, and that was the 5th try. The manager view is locked for 15 minutes.',
        { tries: 5, lockedMinutes: 15 },
      ),
    ],
  });
  await managerTab(page).click();
  await pinField(page).fill('5555');
  await pinField(page).press('Enter');
  const message = page.getByTestId('pin-message');
  await expect(message).toContainText('Manager view locked');
  await expect(message).toContainText('locked for 15 minutes');
  await expect(page.getByTestId('locked-until')).toHaveText(`Locked until ${hhmm}.`);
  await expect(pinField(page)).toBeDisabled();
  await expect(openButton(page)).toBeDisabled();
});

test('opened while locked out, the prompt is shut from the start', async ({ page }) => {
  const until = new Date(Date.now() + 10 * 60_000).toISOString();
  await openScreen(page, {
    managerStatus: [{ ok: true, value: { pinSet: true, demoPin: false, lockedUntil: until } }],
  });
  await managerTab(page).click();
  await expect(page.getByTestId('locked-until')).toBeVisible();
  await expect(pinField(page)).toBeDisabled();
});

test('with no PIN set, says so instead of asking for one', async ({ page }) => {
  await openScreen(page, { managerStatus: [{ ok: true, value: { pinSet: false, demoPin: false } }] });
  await managerTab(page).click();
  await expect(page.getByTestId('pin-message')).toContainText('No manager PIN is set on this till');
  await expect(pinField(page)).toBeDisabled();
});

test('unlocked: the summary (waiting, failed, oldest, sending) and each item in plain words', async ({
  page,
}) => {
  await openScreen(page, {
    managerUnlock: unlocked,
    managerQueue: [
      queuePageOf([failedItem, waitingItem, queueItemOf({ itemId: 'q-9', basketId: 'b-99', defect: true })], {
        pending: 3,
        failed: 1,
        oldestPendingAt: new Date(Date.now() - 12 * 60_000).toISOString(),
        oldestPendingAgeMs: 12 * 60_000 + 5_000,
        sending: { sent: 120, of: 500 },
      }),
    ],
  });
  await unlock(page);
  expect(await callsTo(page, 'managerQueue')).toEqual([{ session: SESSION, limit: 50 }]);
  await expect(page.getByTestId('queue-counts')).toHaveText('3 waiting · 1 failed · Oldest waiting: 12 min');
  await expect(page.getByTestId('queue-sending')).toHaveText('Sending 120 of 500');
  await expect(items(page)).toHaveCount(3);

  const failed = items(page).nth(0);
  await expect(failed.getByRole('heading')).toHaveText('Sale b-77');
  await expect(failed.getByTestId('item-amount')).toHaveText('£33.00');
  await expect(failed.getByTestId('item-state')).toHaveText('Did not go through');
  await expect(failed.getByTestId('item-advice')).toContainText(advice);
  // Each fact once: the agent's sentence says what the heading says, so only the heading stays.
  await expect(failed.getByTestId('item-error')).toHaveText('Not enough on the card');
  await expect(failed).toContainText('•••• 0078');
  await expect(failed).toContainText('12 min ago');
  await expect(failed.getByRole('button', { name: 'Collected' })).toBeVisible();
  await expect(failed.getByRole('button', { name: 'Written off' })).toBeVisible();
  await expect(failed.getByRole('button', { name: 'Retry now' })).toBeVisible();

  const waiting = items(page).nth(1);
  await expect(waiting.getByTestId('item-state')).toHaveText('Waiting to be sent');
  await expect(waiting.getByTestId('item-unknown')).toHaveText(
    'May already have reached Factor4 — will be resent safely',
  );
  await expect(waiting).toContainText('Next try');
  await expect(waiting.getByRole('button', { name: 'Collected' })).toHaveCount(0);
  await expect(waiting.getByRole('button', { name: 'Retry now' })).toBeVisible();

  await expect(items(page).nth(2).getByTestId('item-fault')).toHaveText('Fault');
  await expect(items(page).nth(0).getByTestId('item-fault')).toHaveCount(0);
});

test('a queue event updates the counts at once and reads the page again', async ({ page }) => {
  await openScreen(page, {
    managerUnlock: unlocked,
    managerQueue: [
      queuePageOf([waitingItem], { pending: 500, sending: { sent: 0, of: 500 } }),
      queuePageOf([waitingItem], {
        pending: 379,
        failed: 1,
        oldestPendingAgeMs: 12 * 60_000,
        sending: { sent: 121, of: 500 },
      }),
    ],
  });
  await unlock(page);
  await expect(page.getByTestId('queue-sending')).toHaveText('Sending 0 of 500');
  await emitQueue(page, { pending: 380, failed: 0, sending: { sent: 120, of: 500 } });
  await emitQueue(page, { pending: 379, failed: 1, sending: { sent: 121, of: 500 } });
  await expect(page.getByTestId('queue-sending')).toHaveText('Sending 121 of 500');
  await expect(page.getByTestId('queue-counts')).toContainText('379 waiting · 1 failed');
  // One read for the burst of events, shortly after.
  await expect.poll(async () => (await callsTo(page, 'managerQueue')).length).toBe(2);
  await expect(page.getByTestId('queue-counts')).toHaveText(
    '379 waiting · 1 failed · Oldest waiting: 12 min',
  );
  await page.waitForTimeout(800);
  expect(await callsTo(page, 'managerQueue')).toHaveLength(2);
});

test('a FAILED item shows what to do, and Collected resolves it (with the note)', async ({ page }) => {
  await openScreen(page, {
    managerUnlock: unlocked,
    managerQueue: [queuePageOf([failedItem]), queuePageOf([resolvedItem])],
    managerResolve: [{ ok: true, value: resolvedItem }],
  });
  await unlock(page);
  const item = items(page).first();
  await expect(item.getByTestId('item-advice')).toContainText('Collect £33.00 from the customer');
  await item.getByLabel('Note (optional)').fill('paid cash');
  await item.getByRole('button', { name: 'Collected' }).click();
  await expect(item.getByTestId('item-resolution')).toHaveText(
    'Resolved: Collected from the customer (paid cash)',
  );
  await expect(item.getByTestId('item-state')).toHaveText('Did not go through — resolved');
  await expect(item.getByRole('button', { name: 'Collected' })).toHaveCount(0);
  await expect(item.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
  await expect(page.getByTestId('manager-notice')).toHaveText(
    'Sale b-77 marked as collected from the customer.',
  );
  expect(await callsTo(page, 'managerResolve')).toEqual([
    { session: SESSION, itemId: 'q-7', resolution: 'COLLECTED', note: 'paid cash' },
  ]);
});

test('Retry now asks the agent to send the item again', async ({ page }) => {
  const retried = { ...waitingItem, nextAttemptAt: undefined, attempts: 2 };
  await openScreen(page, {
    managerUnlock: unlocked,
    managerQueue: [queuePageOf([waitingItem])],
    managerRetry: [{ ok: true, value: retried }],
  });
  await unlock(page);
  await items(page).first().getByRole('button', { name: 'Retry now' }).click();
  await expect(page.getByTestId('manager-notice')).toHaveText('Sale b-88 will be sent again now.');
  expect(await callsTo(page, 'managerRetry')).toEqual([{ session: SESSION, itemId: 'q-8' }]);
  await expect.poll(async () => (await callsTo(page, 'managerQueue')).length).toBe(2);
});

test('an action the agent refuses says why, under its heading', async ({ page }) => {
  await openScreen(page, {
    managerUnlock: unlocked,
    managerQueue: [queuePageOf([failedItem])],
    managerRetry: [refused('STORAGE_FAILED', "The till's disk is full, so this could not be saved.")],
  });
  await unlock(page);
  await items(page).first().getByRole('button', { name: 'Retry now' }).click();
  await expect(page.getByTestId('manager-problem')).toContainText("Couldn't save on this till");
  await expect(page.getByTestId('manager-problem')).toContainText('disk is full');
});

test('the filter asks for one state at a time, and Show more reads the next page', async ({ page }) => {
  await openScreen(page, {
    managerUnlock: unlocked,
    managerQueue: [
      queuePageOf([waitingItem], {}, '41'),
      queuePageOf([failedItem], {}, '12'),
      queuePageOf([queueItemOf({ itemId: 'q-3', basketId: 'b-3', state: 'FAILED', advice })]),
    ],
  });
  await unlock(page);
  const all = page.getByRole('button', { name: 'All', exact: true });
  await expect(all).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Failed', exact: true }).click();
  await expect(items(page)).toHaveCount(1);
  await expect(items(page).first()).toHaveAttribute('data-item-id', 'q-7');
  await page.getByRole('button', { name: 'Show more' }).click();
  await expect(items(page)).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Show more' })).toHaveCount(0);
  expect(await callsTo(page, 'managerQueue')).toEqual([
    { session: SESSION, limit: 50 },
    { session: SESSION, limit: 50, state: 'FAILED' },
    { session: SESSION, limit: 50, state: 'FAILED', cursor: '12' },
  ]);
  for (const label of ['Waiting', 'Sending', 'Delivered'])
    await expect(page.getByRole('button', { name: label, exact: true })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
});

test('Export CSV downloads the agent’s file under its name, for the current filter', async ({ page }) => {
  const csv = 'itemId,kind,basketId,state\r\nq-7,CLOSE,b-77,FAILED\r\n';
  const filename = 'till-agent-queue-0042-2025-03-03.csv';
  await openScreen(page, {
    managerUnlock: unlocked,
    managerQueue: [queuePageOf([failedItem])],
    managerExport: [{ ok: true, value: { filename, csv } }],
  });
  await unlock(page);
  await page.getByRole('button', { name: 'Failed', exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(filename);
  expect(fs.readFileSync(await download.path(), 'utf8')).toBe(csv);
  expect(await callsTo(page, 'managerExport')).toEqual([{ session: SESSION, state: 'FAILED' }]);
  await expect(page.getByTestId('manager-notice')).toHaveText(`Saved ${filename}.`);
});

test('the audit lists what managers did, newest first, in words', async ({ page }) => {
  await openScreen(page, {
    managerUnlock: unlocked,
    managerQueue: [queuePageOf([])],
    managerAudit: [
      {
        ok: true,
        value: {
          entries: [
            { at: new Date().toISOString(), action: 'WRITTEN_OFF', itemId: 'q-7', detail: 'customer left' },
            { at: new Date().toISOString(), action: 'UNLOCK' },
            { at: new Date().toISOString(), action: 'SOMETHING_NEW' },
          ],
        },
      },
    ],
  });
  await unlock(page);
  await page.getByRole('button', { name: 'Audit', exact: true }).click();
  const entries = page.getByTestId('audit-entry');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText('Written off');
  await expect(entries.nth(0)).toContainText('Item q-7 · customer left');
  await expect(entries.nth(1)).toContainText('Manager view opened');
  await expect(entries.nth(2)).toContainText('SOMETHING_NEW');
  expect(await callsTo(page, 'managerAudit')).toEqual([{ session: SESSION, limit: 100 }]);
});

test('an expired session goes back to the PIN prompt and says why', async ({ page }) => {
  await openScreen(page, {
    managerUnlock: unlocked,
    managerQueue: [
      queuePageOf([failedItem]),
      refused('MANAGER_SESSION_EXPIRED', 'The manager view has locked itself. Enter the PIN again.'),
    ],
  });
  await unlock(page);
  await page.getByRole('button', { name: 'Waiting', exact: true }).click();
  await expect(page.getByTestId('pin-message')).toContainText('Manager view locked itself');
  await expect(page.getByTestId('pin-message')).toContainText('Enter the PIN again.');
  await expect(pinField(page)).toBeFocused();
  await expect(items(page)).toHaveCount(0);
});

test('left alone for 10 minutes, the view locks itself, though queue events keep coming', async ({
  page,
}) => {
  await page.clock.install();
  await openScreen(page, { managerUnlock: unlocked, managerQueue: [queuePageOf([failedItem])] });
  await unlock(page);
  await page.clock.fastForward('05:00');
  await emitQueue(page, { pending: 0, failed: 1 });
  await page.clock.fastForward('04:00');
  await expect(items(page)).toHaveCount(1);
  // A touch counts as the manager being there: the ten minutes start again.
  await page.getByTestId('queue-counts').click();
  await page.clock.fastForward('09:00');
  await expect(items(page)).toHaveCount(1);
  await page.clock.fastForward('01:10');
  await expect(page.getByTestId('pin-message')).toContainText('locked itself after 10 minutes without use');
  await expect(items(page)).toHaveCount(0);
  await expect.poll(() => callsTo(page, 'managerLock')).toEqual([{ session: SESSION }]);
});

test('Lock, and leaving the tab, end the session with the agent', async ({ page }) => {
  await openScreen(page, { managerUnlock: unlocked, managerQueue: [queuePageOf([])] });
  await unlock(page);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(pinField(page)).toBeFocused();
  await expect.poll(() => callsTo(page, 'managerLock')).toEqual([{ session: SESSION }]);

  await pinField(page).fill('1234');
  await pinField(page).press('Enter');
  await expect(page.getByTestId('queue-empty')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Gift card number')).toBeVisible();
  await expect.poll(async () => (await callsTo(page, 'managerLock')).length).toBe(2);
  await managerTab(page).click();
  await expect(pinField(page)).toBeVisible();
});

test('keyboard only: to the Manager tab, the PIN, and a FAILED item written off', async ({ page }) => {
  const writtenOff = { ...failedPlain, resolution: 'WRITTEN_OFF: written off' };
  await openScreen(page, {
    managerUnlock: unlocked,
    managerQueue: [queuePageOf([failedItem]), queuePageOf([writtenOff])],
    managerResolve: [{ ok: true, value: writtenOff }],
  });
  const number = page.getByLabel('Gift card number');
  await expect(number).toBeFocused();
  // Back from the number field through the tabs: Scanners, Till, then Manager, the first.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Scanners' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Till', exact: true })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(managerTab(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(pinField(page)).toBeFocused();
  for (const digit of '1234') await page.keyboard.press(digit);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Manager', exact: true })).toBeFocused();

  // Tab through the panel to the item's Written off button.
  const writeOff = items(page).first().getByRole('button', { name: 'Written off' });
  for (let i = 0; i < 20; i++) {
    if (await writeOff.evaluate((el) => el === (globalThis as any).document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(writeOff).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(items(page).first().getByTestId('item-resolution')).toHaveText('Resolved: Written off');
  await expect(items(page).first()).toBeFocused();
  expect(await callsTo(page, 'managerResolve')).toEqual([
    { session: SESSION, itemId: 'q-7', resolution: 'WRITTEN_OFF' },
  ]);
});

test('a storage problem turns every screen red until a storage event says it is over', async ({ page }) => {
  await openScreen(page, { managerUnlock: unlocked, managerQueue: [queuePageOf([])] });
  await expect(page.getByTestId('storage-banner')).toHaveCount(0);
  await emitStorage(page, {
    ok: false,
    problem: "The till's disk is full, so this could not be saved and nothing was accepted.",
  });
  const banner = page.getByTestId('storage-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toContainText('This till has a storage problem');
  await expect(banner).toContainText("The till's disk is full");
  await expect(banner.locator('.shape--cross')).toHaveCount(1);
  const colours = await banner.evaluate((el) => {
    const s = (globalThis as any).getComputedStyle(el);
    return { fg: s.color, bg: s.backgroundColor };
  });
  expect(colours).toEqual({ fg: 'rgb(255, 255, 255)', bg: 'rgb(163, 20, 26)' });

  // On the Manager tab too; a full disk has no kept file to acknowledge.
  await unlock(page);
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('storage-ack')).toHaveCount(0);

  await emitStorage(page, { ok: true });
  await expect(banner).toHaveCount(0);
});

test('a damaged database kept aside: the banner names it and the manager acknowledges it', async ({
  page,
}) => {
  const keptFile = 'till-agent.db.damaged-2025-03-03T14-00-00Z';
  const problem = `The sales database was damaged and has been kept aside as ${keptFile}; a new one was started.`;
  await openScreen(
    page,
    {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerAcknowledgeStorage: [{ ok: true, value: {} }],
    },
    { health: [healthAnswer({ status: 'DEGRADED', storage: { ok: false, problem, keptFile } })] },
  );
  await expect(page.getByTestId('storage-banner')).toContainText(problem);
  await unlock(page);
  const ack = page.getByTestId('storage-ack');
  await expect(ack).toContainText(keptFile);
  await ack.getByRole('button', { name: 'Acknowledge' }).click();
  await expect.poll(() => callsTo(page, 'managerAcknowledgeStorage')).toEqual([{ session: SESSION }]);
  await emitStorage(page, { ok: true });
  await expect(page.getByTestId('storage-banner')).toHaveCount(0);
  await expect(ack).toHaveCount(0);
});

test('the Manager tab is flagged while sales did not go through', async ({ page }) => {
  await openScreen(page, {}, { health: [healthAnswer({ queue: { pending: 0, failed: 2 } })] });
  await expect(page.getByTestId('manager-flag')).toHaveText('2');
  await expect(managerTab(page)).toHaveAccessibleName('Manager 2 sales did not go through');
  await emitQueue(page, { pending: 0, failed: 0 });
  await expect(page.getByTestId('manager-flag')).toHaveCount(0);
});

test('offline: the sale says cards go on their last known balance, and how old each is', async ({ page }) => {
  const offlineTender = tenderOf({
    amountMinor: 2000,
    offline: true,
    balanceCheckedAt: new Date(Date.now() - 35 * 60_000).toISOString(),
  });
  await openScreen(
    page,
    { managerQueue: [queuePageOf([])] },
    {
      health: [
        healthAnswer({
          status: 'DEGRADED',
          centegra: {
            state: 'OFFLINE',
            lastOkAt: new Date(Date.now() - 40 * 60_000).toISOString(),
            detail: "Centegra Plus can't be reached. Check the shop’s internet connection.",
          },
        }),
      ],
      sale: {
        currentBasket: [{ ok: true, value: { basket: basketOf({ giftCardTenders: [offlineTender] }) } }],
      },
    },
  );
  await expect(page.getByTestId('link')).toContainText('Offline');
  // The cashier's words for the state; the agent's detail (IT's) is on Diagnostics.
  await expect(page.getByTestId('link-detail')).toContainText('take another payment');
  await expect(page.getByTestId('link-detail')).toContainText('Last reached at');
  await expect(page.getByTestId('offline-note')).toHaveText(
    'Offline: gift cards can only be taken on their last known balance',
  );
  await expect(page.getByTestId('tender-offline')).toHaveText('Taken offline, balance from 35 min ago');

  // Back online: the note goes; the tender still says how old its balance was.
  await emitEvent(page, { id: 'c1', type: 'centegra', data: { state: 'ONLINE' } });
  await expect(page.getByTestId('offline-note')).toHaveCount(0);
  await expect(page.getByTestId('tender-age')).toBeVisible();
});

test('fits a 400 px window: no sideways scrolling, and every manager button at least 48 px', async ({
  page,
}) => {
  const long = queueItemOf({
    itemId: 'q-long',
    basketId: `b-${'x'.repeat(60)}`,
    state: 'FAILED',
    advice,
    lastError: 'y'.repeat(300),
    cardNumbersMasked: ['••••••••••••0078', '••••••••••••0011', '••••••••••••0045'],
  });
  await openScreen(page, { managerUnlock: unlocked, managerQueue: [queuePageOf([long], {}, '5')] });
  await unlock(page);
  await expect(items(page)).toHaveCount(1);
  const overflow = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return w.document.documentElement.scrollWidth - w.innerWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  for (const name of [
    'Lock',
    'All',
    'Failed',
    'Export CSV',
    'Collected',
    'Written off',
    'Retry now',
    'Show more',
  ]) {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    expect(box?.height, name).toBeGreaterThanOrEqual(48);
    expect(box?.width, name).toBeGreaterThanOrEqual(48);
  }
});
