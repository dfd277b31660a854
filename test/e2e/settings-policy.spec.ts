// IT's policy on the Settings screen (issue 14), in Chromium against the built screen with a
// scripted window.tillAgent: with the user's file merged under the machine-wide file, both files
// are named, each key IT's file sets reads "set by IT", and a secret IT sets is shown with who can
// change it and no button to change it; a secret IT leaves to the till keeps its button, and an
// agent that refuses a change anyway (the screen was stale) is heard in plain words.
import { expect, test, type Page } from '@playwright/test';
import type { Result } from '../../main/agent/contract';
import {
  fakeAgentInitScript,
  fakeAgentRecord,
  healthAnswer,
  queuePageOf,
  type ManagerScript,
  type Settings,
} from './fixtures/fake-agent';
import { guardedRendererScreen } from './fixtures/screen';

/** The little of the page's `window` this test reads (the tests compile without the DOM library). */
interface PageWindow {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number } };
}

const rendererUrl = guardedRendererScreen();

const SESSION = 'sess-it';
const unlocked: ManagerScript['managerUnlock'] = [
  { ok: true, value: { session: SESSION, expiresAt: new Date(Date.now() + 600_000).toISOString() } },
];
const IT_FILE = '/etc/till-agent/config.json';
const USER_FILE = '/home/till/.config/till-agent/config.json';
const IGNORED = `${USER_FILE}: closeWaitMs is ignored: IT's ${IT_FILE} sets closeWaitMs, and a key IT sets cannot be changed. Remove it from ${USER_FILE}.`;

const merged: Settings = {
  file: IT_FILE,
  userFile: USER_FILE,
  fileKind: 'merged',
  demo: false,
  dataDir: '/var/lib/till-agent',
  entries: [
    {
      key: 'centegra.baseUrl',
      value: '"https://api.centegraplus.com/giftcards/v1"',
      source: 'set by IT',
      secret: false,
    },
    { key: 'centegra.apiKey', value: 'set (ends …a1b2)', source: 'set by IT', secret: true },
    { key: 'centegra.timeoutMs', value: '8000', source: 'default', secret: false },
    { key: 'till.siteId', value: '"S001"', source: 'host name', secret: false },
    { key: 'till.tillId', value: '"T03"', source: 'host name', secret: false },
    {
      key: 'till.tillIdFromHostname',
      value: JSON.stringify('^(?<site>S[0-9]+)-(?<till>T[0-9]+)$'),
      source: 'set by IT',
      secret: false,
    },
    { key: 'closeWaitMs', value: '2000', source: 'set by IT', secret: false },
    { key: 'posApi.port', value: '7420', source: 'your file', secret: false },
    { key: 'posApi.token', value: 'set (ends …9f9f)', source: 'secret store', secret: true },
    { key: 'manager.pinHash', value: 'set', source: 'set by IT', secret: true },
  ],
  warnings: [IGNORED],
};

async function openSettings(page: Page, manager: Partial<ManagerScript>): Promise<void> {
  await page.addInitScript(
    fakeAgentInitScript({
      health: [healthAnswer()],
      manager: { managerUnlock: unlocked, managerQueue: [queuePageOf([])], ...manager },
    }),
  );
  await page.goto(rendererUrl());
  await expect(page.getByTestId('link')).toContainText('Online');
  await page.getByRole('button', { name: /^Manager/ }).click();
  await page.getByLabel('Manager PIN').fill('1234');
  await page.getByLabel('Manager PIN').press('Enter');
  await expect(page.getByRole('heading', { name: 'Sales for Factor4' })).toBeVisible();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeFocused();
}

const row = (page: Page, key: string) => page.locator(`[data-testid="settings-entry"][data-key="${key}"]`);

test('IT\'s keys read "set by IT", both files are named, and a key IT sets offers no way to change it', async ({
  page,
}) => {
  await openSettings(page, { managerSettings: [{ ok: true, value: merged }] });

  await expect(page.getByTestId('settings-file')).toHaveText(IT_FILE);
  await expect(page.getByTestId('settings-file-kind')).toHaveText("(machine-wide file, IT's policy)");
  await expect(page.getByTestId('settings-user-file')).toHaveText(USER_FILE);
  await expect(page.getByTestId('settings-source')).toContainText("adds only what IT's file leaves unset");
  await expect(page.getByTestId('settings-warnings')).toContainText('closeWaitMs is ignored');

  await expect(row(page, 'centegra.baseUrl').getByTestId('entry-source')).toHaveText('from set by IT');
  await expect(row(page, 'closeWaitMs').getByTestId('entry-source')).toHaveText('from set by IT');
  await expect(row(page, 'closeWaitMs').getByTestId('entry-value')).toHaveText('2000');
  await expect(row(page, 'posApi.port').getByTestId('entry-source')).toHaveText('from your file');
  await expect(row(page, 'till.tillId').getByTestId('entry-source')).toHaveText('from host name');
  await expect(row(page, 'till.tillIdFromHostname').getByTestId('entry-value')).toHaveText(
    '^(?<site>S[0-9]+)-(?<till>T[0-9]+)$',
  );
  await expect(
    page.locator('[data-testid="settings-group"][data-group="till"]').getByTestId('settings-entry'),
  ).toHaveCount(3);

  // The key IT set: who can change it, and no button.
  const key = page.getByTestId('secret-key');
  await expect(key).toContainText('set (ends …a1b2)');
  await expect(key.getByTestId('entry-source')).toHaveText('from set by IT');
  await expect(key.getByTestId('secret-policy')).toHaveText(`Set by IT in ${IT_FILE}; ask IT to change it.`);
  await expect(page.getByRole('button', { name: 'Enter the Factor4 Gift Card key' })).toHaveCount(0);
  await expect(page.getByTestId('secret-note')).toHaveCount(0);

  // The POS token IT leaves to the till: set and shown as before.
  const token = page.getByTestId('secret-token');
  await expect(token.getByTestId('secret-policy')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Set a new POS API token' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show the POS API token' })).toBeVisible();

  // Keyboard: from the heading, the first thing to reach in Secrets is the token's button.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Set a new POS API token' })).toBeFocused();
  expect((await fakeAgentRecord(page)).calls.filter((c) => c.op === 'managerSetSecret')).toEqual([]);

  // Two long paths, a pattern and the warning still fit a 400 px window.
  const fits = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return w.document.documentElement.scrollWidth <= w.innerWidth;
  });
  expect(fits).toBe(true);
});

test('a POS token IT sets too: shown, never changed here; Show still works', async ({ page }) => {
  const both: Settings = {
    ...merged,
    entries: merged.entries.map((e) => (e.key === 'posApi.token' ? { ...e, source: 'set by IT' } : e)),
  };
  await openSettings(page, {
    managerSettings: [{ ok: true, value: both }],
    managerRevealPosToken: [{ ok: true, value: { token: 'pos-token-0123456789abcdef' } }],
  });
  await expect(page.getByTestId('secret-token').getByTestId('secret-policy')).toHaveText(
    `Set by IT in ${IT_FILE}; ask IT to change it.`,
  );
  await expect(page.getByRole('button', { name: 'Set a new POS API token' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show the POS API token' }).click();
  await expect(page.getByTestId('token')).toHaveText('pos-token-0123456789abcdef');
});

test('the agent refuses a change IT set after the screen was read: said in plain words, nothing kept', async ({
  page,
}) => {
  // The screen read the settings before IT's file set the key; the agent knows better.
  const before: Settings = {
    ...merged,
    entries: merged.entries.map((e) =>
      e.key === 'centegra.apiKey' ? { ...e, source: 'secret store' as const } : e,
    ),
  };
  const refusal = {
    ok: false,
    error: {
      code: 'FORBIDDEN',
      message: `The Factor4 Gift Card key is set by IT in ${IT_FILE}; ask IT to change it.`,
    },
  } as Result<never>;
  await openSettings(page, {
    managerSettings: [{ ok: true, value: before }],
    managerSetSecret: [refusal],
  });
  await page.getByRole('button', { name: 'Enter the Factor4 Gift Card key' }).click();
  const field = page.getByLabel('Factor4 Gift Card key', { exact: true });
  await field.fill('a-key-typed-at-the-till');
  await field.press('Enter');
  const problem = page.getByTestId('settings-problem');
  await expect(problem).toContainText('The Factor4 Gift Card key was not saved');
  await expect(problem).toContainText(`set by IT in ${IT_FILE}; ask IT to change it.`);
  await expect(field).toHaveValue('');
  expect(await page.content()).not.toContain('a-key-typed-at-the-till');
});
