// Diagnostics, Settings and the support bundle, in Chromium against the built screen with the
// production CSP and a scripted window.tillAgent: the seven checks without a PIN (from the Scanners
// tab) and in the Manager view, the settings with where each came from, the secrets entered and
// never shown again, the POS API token shown and hidden, the zip saved as a download, and an
// expired session going back to the PIN.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Result } from '../../main/agent/contract';
import {
  callsTo,
  checkOf,
  diagnosticsOf,
  fakeAgentInitScript,
  healthAnswer,
  queuePageOf,
  releaseInquiries,
  type FakeAgentScript,
  type ManagerScript,
  type Settings,
} from './fixtures/fake-agent';
import { guardedRendererScreen } from './fixtures/screen';

/** The little of the page's `window` these tests read (the tests compile without the DOM library). */
interface PageWindow {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number }; activeElement: unknown };
  getSelection(): { toString(): string } | null;
}

const rendererUrl = guardedRendererScreen();

const SESSION = 'sess-1';
const unlocked: ManagerScript['managerUnlock'] = [
  { ok: true, value: { session: SESSION, expiresAt: new Date(Date.now() + 600_000).toISOString() } },
];
const expired = {
  ok: false,
  error: {
    code: 'MANAGER_SESSION_EXPIRED',
    message: 'The manager view has locked itself. Enter the PIN again.',
  },
} as Result<never>;

const KEY_FIX =
  'In Centegra Plus, go to Company Settings > External Access & FTP > API Secure Keys > "Factor4 Gift Card" and enable the key.';
const keyOff = checkOf('key', {
  status: 'FAIL',
  detail: 'The key is switched off in Centegra Plus.',
  fix: KEY_FIX,
});
const factor4Skipped = checkOf('factor4', {
  status: 'FAIL',
  detail: 'Not checked: Centegra Plus did not answer the status check.',
  fix: 'Fix the key first (below).',
});
const worldReadable =
  "/etc/till-agent/config.json holds secrets (centegra.apiKey) and every user on this till can read it. Make it readable by administrators and Till Agent's group only (chmod 640, or remove the Users group on Windows), or enter the secrets on the Settings screen instead.";

const settings: Settings = {
  file: '/etc/till-agent/config.json',
  fileKind: 'machine',
  demo: false,
  dataDir: '/var/lib/till-agent',
  entries: [
    {
      key: 'centegra.baseUrl',
      value: '"https://api.centegraplus.com/giftcards/v1"',
      source: 'file',
      secret: false,
    },
    { key: 'centegra.apiKey', value: 'set (ends …a1b2)', source: 'file', secret: true },
    { key: 'centegra.timeoutMs', value: '8000', source: 'default', secret: false },
    { key: 'till.siteId', value: '"0042"', source: 'file', secret: false },
    { key: 'till.tillId', value: '"3"', source: 'file', secret: false },
    { key: 'currency', value: '"GBP"', source: 'default', secret: false },
    { key: 'posApi.port', value: '7421', source: 'command line', secret: false },
    { key: 'posApi.token', value: 'set (ends …9f9f)', source: 'secret store', secret: true },
    { key: 'scanners', value: '[]', source: 'default', secret: false },
    { key: 'log.level', value: '"info"', source: 'default', secret: false },
    { key: 'dataDir', value: '"/var/lib/till-agent"', source: 'default', secret: false },
  ],
  warnings: [worldReadable],
};
const settingsAnswer: Result<Settings> = { ok: true, value: settings };

const TOKEN = 'pos-token-0123456789abcdefghij';
/** A stand-in zip: its bytes start "PK" and name diagnostics.json, with every byte value after. */
const zipBytes = Buffer.concat([
  Buffer.from('PK\x03\x04 diagnostics.json '),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
]);
const BUNDLE = 'till-agent-support-0042-3-2025-03-03-14-30-00.zip';

async function openScreen(page: Page, script: Partial<FakeAgentScript> = {}): Promise<void> {
  await page.addInitScript(fakeAgentInitScript({ health: [healthAnswer()], ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('link')).toContainText('Online');
}

const scannersTab = (page: Page) => page.getByRole('button', { name: /^Scanners/ });
const managerTab = (page: Page) => page.getByRole('button', { name: /^Manager/ });
const pinField = (page: Page) => page.getByLabel('Manager PIN');
const runButton = (page: Page) => page.getByRole('button', { name: /^(Run checks|Checking…)$/ });
const checks = (page: Page) => page.getByTestId('check');

async function unlock(page: Page): Promise<void> {
  await managerTab(page).click();
  await pinField(page).fill('1234');
  await pinField(page).press('Enter');
  await expect(page.getByRole('heading', { name: 'Sales for Factor4' })).toBeVisible();
}

async function openSubView(page: Page, chip: string, heading: string): Promise<void> {
  await page.getByRole('button', { name: chip, exact: true }).click();
  await expect(page.getByRole('heading', { name: heading, exact: true })).toBeFocused();
}

test('diagnostics without a PIN: the failed check, its fix, the warnings; then run again, all passed', async ({
  page,
}) => {
  await openScreen(page, {
    holdDiagnostics: true,
    diagnostics: [
      diagnosticsOf([factor4Skipped, keyOff], {
        at: '2025-03-03T14:30:05Z',
        warnings: [worldReadable],
      }),
      diagnosticsOf([]),
    ],
  });
  await scannersTab(page).click();
  await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Diagnostics', level: 2 })).toBeFocused();

  // Run on open: Checking…, and the button will not run it twice.
  await expect(runButton(page)).toHaveText('Checking…');
  await expect(runButton(page)).toBeDisabled();
  await expect(page.getByTestId('diagnostics-status')).toContainText('Checking…');
  await runButton(page).click({ force: true });
  expect(await callsTo(page, 'diagnostics')).toEqual([{}]);
  await releaseInquiries(page);

  await expect(page.getByTestId('diagnostics-summary')).toHaveText('2 checks failed');
  await expect(page.getByTestId('diagnostics-summary').locator('.shape--cross')).toHaveCount(1);
  await expect(page.getByTestId('diagnostics-at')).toContainText('Checked at');
  await expect(checks(page)).toHaveCount(7);
  await expect(checks(page).nth(0)).toContainText('1. This till can reach Centegra Plus');
  const key = checks(page).nth(3);
  await expect(key).toHaveAttribute('data-check', 'key');
  await expect(key.getByTestId('check-status')).toHaveText('Failed');
  await expect(key.getByTestId('check-status').locator('.shape--cross')).toHaveCount(1);
  await expect(key.getByTestId('check-detail')).toHaveText('The key is switched off in Centegra Plus.');
  await expect(key.getByTestId('check-fix')).toContainText('What to do');
  await expect(key.getByTestId('check-fix')).toContainText(
    'Company Settings > External Access & FTP > API Secure Keys > "Factor4 Gift Card"',
  );
  // A passed check says so in words and a shape, and has nothing to do.
  const online = checks(page).nth(0);
  await expect(online.getByTestId('check-status')).toHaveText('Passed');
  await expect(online.getByTestId('check-status').locator('.shape--circle')).toHaveCount(1);
  await expect(online.getByTestId('check-fix')).toHaveCount(0);
  await expect(page.getByTestId('diagnostics-warnings')).toContainText('every user on this till can read it');

  await runButton(page).click();
  await expect(runButton(page)).toHaveText('Checking…');
  await releaseInquiries(page);
  await expect(page.getByTestId('diagnostics-summary')).toHaveText('All checks passed');
  await expect(page.locator('[data-testid="check"][data-status="FAIL"]')).toHaveCount(0);
  await expect(page.getByTestId('check-fix')).toHaveCount(0);
  await expect(page.getByTestId('diagnostics-warnings')).toHaveCount(0);
  expect(await callsTo(page, 'diagnostics')).toEqual([{}, {}]);
  // The manager view was never opened for any of it.
  expect(await callsTo(page, 'managerUnlock')).toEqual([]);

  await page.getByRole('button', { name: 'Back to scanners' }).click();
  await expect(page.getByRole('heading', { name: 'Scanners', level: 2 })).toBeFocused();
});

test('diagnostics that cannot run say so in plain words', async ({ page }) => {
  await openScreen(page, {
    diagnostics: [
      { ok: false, error: { code: 'INTERNAL', message: "Till Agent didn't answer. Try again." } },
    ],
  });
  await scannersTab(page).click();
  await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
  await expect(page.getByTestId('diagnostics-problem')).toContainText("Can't run the checks");
  await expect(page.getByTestId('diagnostics-problem')).toContainText("Till Agent didn't answer.");
  await expect(runButton(page)).toHaveText('Run checks');
});

test('keyboard only: from the till to Diagnostics, run again, and back', async ({ page }) => {
  await openScreen(page, { diagnostics: [diagnosticsOf([keyOff]), diagnosticsOf([])] });
  const number = page.getByLabel('Gift card number');
  await expect(number).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(scannersTab(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Scanners', level: 2 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Diagnostics', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Diagnostics', level: 2 })).toBeFocused();
  await expect(page.getByTestId('diagnostics-summary')).toHaveText('1 check failed');

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Back to scanners' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(runButton(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('diagnostics-summary')).toHaveText('All checks passed');
  // The button keeps the keyboard while it runs and after.
  await expect(runButton(page)).toBeFocused();
  await page.keyboard.press('Space');
  await expect.poll(async () => (await callsTo(page, 'diagnostics')).length).toBe(3);

  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Back to scanners' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Scanners', level: 2 })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(number).toBeFocused();
});

test('the Manager view has Diagnostics too', async ({ page }) => {
  await openScreen(page, {
    manager: { managerUnlock: unlocked, managerQueue: [queuePageOf([])] },
    diagnostics: [diagnosticsOf([keyOff])],
  });
  await unlock(page);
  await openSubView(page, 'Diagnostics', 'Diagnostics');
  await expect(page.getByRole('heading', { name: 'Diagnostics', level: 3 })).toBeVisible();
  await expect(page.getByTestId('diagnostics-summary')).toHaveText('1 check failed');
  await expect(page.getByRole('button', { name: 'Diagnostics', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('settings after the PIN: the file and its kind, the data folder, sources, masked secrets and warnings', async ({
  page,
}) => {
  await openScreen(page, {
    manager: { managerUnlock: unlocked, managerQueue: [queuePageOf([])], managerSettings: [settingsAnswer] },
  });
  await managerTab(page).click();
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toHaveCount(0);
  await pinField(page).fill('1234');
  await pinField(page).press('Enter');
  await openSubView(page, 'Settings', 'Settings');
  expect(await callsTo(page, 'managerSettings')).toEqual([{ session: SESSION }]);

  await expect(page.getByTestId('settings-warnings')).toContainText('Needs fixing');
  await expect(page.getByTestId('settings-warnings')).toContainText('every user on this till can read it');
  await expect(page.getByTestId('settings-file')).toHaveText('/etc/till-agent/config.json');
  await expect(page.getByTestId('settings-file-kind')).toHaveText('(machine-wide file)');
  await expect(page.getByTestId('settings-data-dir')).toHaveText('/var/lib/till-agent');

  const groups = page.getByTestId('settings-group');
  await expect(groups.getByRole('heading')).toHaveText([
    'General',
    'Centegra Plus',
    'This till',
    'POS API',
    'Scanners',
    'Logs',
  ]);
  const row = (key: string) => page.locator(`[data-testid="settings-entry"][data-key="${key}"]`);
  await expect(row('centegra.baseUrl').getByTestId('entry-value')).toHaveText(
    'https://api.centegraplus.com/giftcards/v1',
  );
  await expect(row('centegra.baseUrl').getByTestId('entry-source')).toHaveText('from file');
  await expect(row('centegra.timeoutMs').getByTestId('entry-source')).toHaveText('from default');
  await expect(row('posApi.port').getByTestId('entry-source')).toHaveText('from command line');
  await expect(row('posApi.token').getByTestId('entry-source')).toHaveText('from secret store');
  await expect(row('centegra.apiKey').getByTestId('entry-value')).toHaveText('set (ends …a1b2)');
  await expect(row('posApi.token').getByTestId('entry-value')).toHaveText('set (ends …9f9f)');
  await expect(page.getByTestId('secret-key')).toContainText('set (ends …a1b2)');
  // The machine-wide file holds the key: a key typed here lasts only until the next start.
  await expect(page.getByTestId('secret-note')).toContainText('wins at every start');
});

test('entering the key: sent once, never shown again, and the settings read again', async ({ page }) => {
  const KEY = 'f4-key-secret-5678';
  await openScreen(page, {
    manager: {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerSettings: [settingsAnswer],
      managerSetSecret: [{ ok: true, value: {} }],
    },
  });
  await unlock(page);
  await openSubView(page, 'Settings', 'Settings');
  await page.getByRole('button', { name: 'Enter the Factor4 Gift Card key' }).click();
  const field = page.getByLabel('Factor4 Gift Card key', { exact: true });
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('type', 'password');

  // Too short: refused here, not sent.
  await field.fill('short');
  await field.press('Enter');
  await expect(page.getByTestId('secret-problem')).toHaveText(
    'A Factor4 Gift Card key is at least 8 characters.',
  );
  expect(await callsTo(page, 'managerSetSecret')).toEqual([]);

  await field.fill(KEY);
  await page.getByRole('button', { name: 'Save the key' }).click();
  await expect(page.getByTestId('settings-notice')).toHaveText(
    'Saved, sealed on this till. Checking Centegra Plus…',
  );
  expect(await callsTo(page, 'managerSetSecret')).toEqual([
    { session: SESSION, name: 'centegra.apiKey', value: KEY },
  ]);
  await expect.poll(async () => (await callsTo(page, 'managerSettings')).length).toBe(2);
  await expect(page.getByTestId('secret-form')).toHaveCount(0);
  // Nowhere on the page any more: not in a field, not in the text.
  const html = await page.content();
  expect(html).not.toContain(KEY);
  const values = await page.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as any).value));
  expect(values).not.toContain(KEY);
});

test('a new POS API token: the POS must be given it, used after a restart; Cancel forgets what was typed', async ({
  page,
}) => {
  const NEW_TOKEN = 'n'.repeat(12) + '-new-token-0123456789';
  await openScreen(page, {
    manager: {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerSettings: [settingsAnswer],
      managerSetSecret: [{ ok: true, value: {} }],
    },
  });
  await unlock(page);
  await openSubView(page, 'Settings', 'Settings');
  const opener = page.getByRole('button', { name: 'Set a new POS API token' });
  await opener.click();
  const field = page.getByLabel('New POS API token');
  await field.fill('typed-then-cancelled-0123456789');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(field).toHaveCount(0);
  await expect(opener).toBeFocused();
  await opener.click();
  await expect(field).toHaveValue('');
  await field.fill(NEW_TOKEN);
  await field.press('Enter');
  await expect(page.getByTestId('settings-notice')).toContainText(
    'The POS must be given the new token; Till Agent uses it after a restart',
  );
  expect(await callsTo(page, 'managerSetSecret')).toEqual([
    { session: SESSION, name: 'posApi.token', value: NEW_TOKEN },
  ]);
  expect(await page.content()).not.toContain(NEW_TOKEN);
});

test('showing the POS API token: Copy, Hide, and gone on leaving the view', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(rendererUrl()).origin,
  });
  await openScreen(page, {
    manager: {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerSettings: [settingsAnswer],
      managerRevealPosToken: [{ ok: true, value: { token: TOKEN } }],
    },
  });
  await unlock(page);
  await openSubView(page, 'Settings', 'Settings');
  await expect(page.getByTestId('token')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show the POS API token' }).click();
  const token = page.getByTestId('token');
  await expect(token).toHaveText(TOKEN);
  await expect(token).toHaveCSS('font-family', /mono/i);
  const copy = page.getByRole('button', { name: 'Copy', exact: true });
  await expect(copy).toBeFocused();
  await copy.click();
  await expect(page.getByTestId('token-copied')).toHaveText(
    'Copied. Paste it into the POS, then press Hide.',
  );
  expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(TOKEN);

  await page.getByRole('button', { name: 'Hide', exact: true }).click();
  await expect(token).toHaveCount(0);
  expect(await page.content()).not.toContain(TOKEN);
  await expect(page.getByRole('button', { name: 'Show the POS API token' })).toBeFocused();

  // Shown again, then the manager goes to the queue and back: gone.
  await page.getByRole('button', { name: 'Show the POS API token' }).click();
  await expect(token).toHaveText(TOKEN);
  await page.getByRole('button', { name: 'Queue', exact: true }).click();
  await openSubView(page, 'Settings', 'Settings');
  await expect(page.getByTestId('settings-file')).toBeVisible();
  await expect(token).toHaveCount(0);
  expect(await page.content()).not.toContain(TOKEN);
  expect(await callsTo(page, 'managerRevealPosToken')).toEqual([{ session: SESSION }, { session: SESSION }]);
});

test('a shown token hides itself after a minute; without a clipboard, Copy selects it', async ({ page }) => {
  await page.clock.install();
  await page.addInitScript(() => {
    Object.defineProperty((globalThis as any).navigator, 'clipboard', { value: undefined });
  });
  await openScreen(page, {
    manager: {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerSettings: [settingsAnswer],
      managerRevealPosToken: [{ ok: true, value: { token: TOKEN } }],
    },
  });
  await unlock(page);
  await openSubView(page, 'Settings', 'Settings');
  await page.getByRole('button', { name: 'Show the POS API token' }).click();
  await expect(page.getByTestId('token')).toHaveText(TOKEN);
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByTestId('token-copied')).toHaveText(
    'Selected: press Ctrl+C to copy it, then press Hide.',
  );
  expect(await page.evaluate(() => (globalThis as unknown as PageWindow).getSelection()?.toString())).toBe(
    TOKEN,
  );

  await page.clock.fastForward('00:50');
  await expect(page.getByTestId('token')).toHaveText(TOKEN);
  await page.clock.fastForward('00:11');
  await expect(page.getByTestId('token')).toHaveCount(0);
  expect(await page.content()).not.toContain(TOKEN);
});

test('the support bundle downloads as the zip the agent made, under its name', async ({ page }) => {
  await openScreen(page, {
    manager: {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerSupportBundle: [
        { ok: true, value: { filename: BUNDLE, zipBase64: zipBytes.toString('base64') } },
      ],
    },
  });
  await unlock(page);
  await openSubView(page, 'Support bundle', 'Support bundle');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Make a support bundle' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(BUNDLE);
  const saved = fs.readFileSync(await download.path());
  expect(saved.equals(zipBytes)).toBe(true);
  await expect(page.getByTestId('bundle-notice')).toHaveText(
    `Saved ${BUNDLE}. It holds no card number and no secret.`,
  );
  expect(await callsTo(page, 'managerSupportBundle')).toEqual([{ session: SESSION }]);
});

test('a support bundle that fails, or arrives damaged, is not saved and says so', async ({ page }) => {
  let downloads = 0;
  page.on('download', () => downloads++);
  await openScreen(page, {
    manager: {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerSupportBundle: [
        {
          ok: false,
          error: { code: 'INTERNAL', message: 'Till Agent made a mistake handling this. Try again.' },
        },
        { ok: true, value: { filename: BUNDLE, zipBase64: 'not base64!' } },
      ],
    },
  });
  await unlock(page);
  await openSubView(page, 'Support bundle', 'Support bundle');
  const make = page.getByRole('button', { name: 'Make a support bundle' });
  await make.click();
  await expect(page.getByTestId('bundle-problem')).toContainText("Couldn't make the support bundle");
  await expect(page.getByTestId('bundle-problem')).toContainText('Till Agent made a mistake handling this.');
  await make.click();
  await expect(page.getByTestId('bundle-problem')).toContainText('arrived damaged');
  expect(downloads).toBe(0);
  await expect(page.getByTestId('bundle-notice')).toHaveCount(0);
});

test('an expired session in Settings or Support bundle goes back to the PIN prompt', async ({ page }) => {
  await openScreen(page, {
    manager: {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerSettings: [expired],
      managerSupportBundle: [expired],
    },
  });
  await unlock(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByTestId('pin-message')).toContainText('Manager view locked itself');
  await expect(page.getByTestId('pin-message')).toContainText('Enter the PIN again.');
  await expect(pinField(page)).toBeFocused();
  await expect(page.getByTestId('settings')).toHaveCount(0);

  await pinField(page).fill('1234');
  await pinField(page).press('Enter');
  await openSubView(page, 'Support bundle', 'Support bundle');
  await page.getByRole('button', { name: 'Make a support bundle' }).click();
  await expect(page.getByTestId('pin-message')).toContainText('Manager view locked itself');
  await expect(pinField(page)).toBeFocused();
  await expect(page.getByTestId('support-bundle')).toHaveCount(0);
});

test('an expired session while saving a key goes back to the PIN, and the key is gone', async ({ page }) => {
  const KEY = 'f4-key-secret-expired';
  await openScreen(page, {
    manager: {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerSettings: [settingsAnswer],
      managerSetSecret: [expired],
    },
  });
  await unlock(page);
  await openSubView(page, 'Settings', 'Settings');
  await page.getByRole('button', { name: 'Enter the Factor4 Gift Card key' }).click();
  await page.getByLabel('Factor4 Gift Card key', { exact: true }).fill(KEY);
  await page.getByRole('button', { name: 'Save the key' }).click();
  await expect(page.getByTestId('pin-message')).toContainText('Manager view locked itself');
  expect(await page.content()).not.toContain(KEY);
});

test('fits a 400 px window: no sideways scrolling, and every new button at least 48 px', async ({ page }) => {
  const long = `/${'very-long-folder-name/'.repeat(8)}config.json`;
  await openScreen(page, {
    manager: {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerSettings: [
        {
          ok: true,
          value: {
            ...settings,
            file: long,
            entries: [
              ...settings.entries,
              {
                key: 'posApi.allowedOrigins',
                value: JSON.stringify(Array(8).fill('http://127.0.0.1:8080')),
                source: 'file',
                secret: false,
              },
            ],
          },
        },
      ],
      managerRevealPosToken: [{ ok: true, value: { token: 'x'.repeat(120) } }],
    },
    diagnostics: [diagnosticsOf([keyOff], { warnings: [worldReadable] })],
  });
  const overflow = () =>
    page.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      return w.document.documentElement.scrollWidth - w.innerWidth;
    });
  const big = async (name: string) => {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    expect(box?.height, name).toBeGreaterThanOrEqual(48);
    expect(box?.width, name).toBeGreaterThanOrEqual(48);
  };
  await scannersTab(page).click();
  for (const name of ['Refresh', 'Diagnostics']) await big(name);
  await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
  await expect(page.getByTestId('diagnostics-summary')).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  for (const name of ['Back to scanners', 'Run checks']) await big(name);

  await unlock(page);
  for (const name of ['Diagnostics', 'Settings', 'Support bundle']) await big(name);
  await openSubView(page, 'Settings', 'Settings');
  await page.getByRole('button', { name: 'Show the POS API token' }).click();
  await page.getByRole('button', { name: 'Enter the Factor4 Gift Card key' }).click();
  await expect(page.getByTestId('token')).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  for (const name of [
    'Enter the Factor4 Gift Card key',
    'Set a new POS API token',
    'Save the key',
    'Cancel',
    'Copy',
    'Hide',
  ])
    await big(name);
  await openSubView(page, 'Support bundle', 'Support bundle');
  await big('Make a support bundle');
});
