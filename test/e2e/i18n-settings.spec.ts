// The manager's Settings view in the screens' languages, against the built renderer and a scripted
// window.tillAgent, in a small till window (400x640): every section (the files, a demo till, what
// needs fixing, both secrets, every group of settings), a secret typed wrong, a save the agent
// refuses and one it takes (the settings read again, now with the machine-wide file's note), and the
// POS API token shown and copied. In the pseudo-locale no visible word comes from outside the
// catalogue; in Welsh no English message shows and axe finds nothing. Keys, paths, values, the token
// and the agent's warnings are its data (data-agent-text), shown as they came.
import { expect, test, type Page } from '@playwright/test';
import type { Result } from '../../main/agent/contract';
import type { MessageId } from '../../renderer/src/i18n/en-GB';
import { loadMessages, messagesFor, PSEUDO, type ScreenLanguage } from '../../renderer/src/i18n/languages';
import { managerViews } from '../../renderer/src/manager';
import {
  fakeAgentInitScript,
  healthAnswer,
  queuePageOf,
  type ManagerScript,
  type Settings,
} from './fixtures/fake-agent';
import { axeViolations, chooseLanguage, englishShown, unmarkedText } from './fixtures/i18n';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();
// The screens fetch the Welsh catalogue only when they show Welsh: the test reads it too.
test.beforeAll(() => loadMessages('cy-GB'));

test.use({ viewport: { width: 400, height: 640 } });

const SESSION = 'sess-words';
const IT_FILE = '/etc/till-agent/config.json';
const USER_FILE = '/home/till/.config/till-agent/config.json';
const TOKEN = 'pos-token-0123456789abcdefghij';
const NEW_TOKEN = 'a-new-pos-api-token-0123456789';

/** A setting in each of the config file's sections, and both secrets. */
const entries: Settings['entries'] = [
  { key: 'currency', value: '"GBP"', source: 'default', secret: false },
  { key: 'closeWaitMs', value: '2000', source: 'set by IT', secret: false },
  {
    key: 'centegra.baseUrl',
    value: '"https://api.centegraplus.com/giftcards/v1"',
    source: 'file',
    secret: false,
  },
  { key: 'centegra.apiKey', value: 'set (ends …a1b2)', source: 'set by IT', secret: true },
  { key: 'till.siteId', value: '"S001"', source: 'host name', secret: false },
  { key: 'till.tillId', value: '(not set)', source: 'default', secret: false },
  { key: 'posApi.port', value: '7420', source: 'your file', secret: false },
  { key: 'posApi.token', value: 'set (ends …9f9f)', source: 'secret store', secret: true },
  { key: 'scanners', value: '[]', source: 'command line', secret: false },
  { key: 'cards.pattern', value: '"^[0-9]{16}$"', source: 'environment', secret: false },
  { key: 'offline.policy', value: '"deny"', source: 'default', secret: false },
  { key: 'ui.language', value: '"en-GB"', source: 'default', secret: false },
  { key: 'desktop.startAtLogin', value: 'true', source: 'default', secret: false },
  { key: 'log.level', value: '"info"', source: 'default', secret: false },
  { key: 'queue.retentionDays', value: '30', source: 'default', secret: false },
  { key: 'manager.pinHash', value: 'set', source: 'simulator', secret: true },
];

/** IT's file merged over the user's, a demo till, and a warning (the agent's own English). */
const merged: Settings = {
  file: IT_FILE,
  userFile: USER_FILE,
  fileKind: 'merged',
  demo: true,
  dataDir: '/var/lib/till-agent',
  entries,
  warnings: [`${USER_FILE}: closeWaitMs is ignored: IT's ${IT_FILE} sets closeWaitMs.`],
};

/** Read again after the save: the machine-wide file alone, holding the key (so the note shows). */
const machine: Settings = {
  file: IT_FILE,
  fileKind: 'machine',
  demo: false,
  dataDir: '/var/lib/till-agent',
  entries: entries.map((e) => (e.key === 'centegra.apiKey' ? { ...e, source: 'file' } : e)),
  warnings: [],
};

const refused = {
  ok: false,
  error: {
    code: 'STORAGE_FAILED',
    message: 'The secret could not be stored. Check the disk, then try again.',
  },
} as Result<never>;

const manager: Partial<ManagerScript> = {
  managerUnlock: [
    { ok: true, value: { session: SESSION, expiresAt: new Date(Date.now() + 600_000).toISOString() } },
  ],
  managerQueue: [queuePageOf([])],
  managerSettings: [
    { ok: true, value: merged },
    { ok: true, value: machine },
  ],
  managerSetSecret: [refused, { ok: true, value: {} }],
  managerRevealPosToken: [{ ok: true, value: { token: TOKEN } }],
};

/** A message as the screen shows it in `language`, for finding buttons by their name. */
const say = (language: ScreenLanguage, id: MessageId): string => messagesFor(language)[id];
const named = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

async function openSettings(page: Page, language: ScreenLanguage): Promise<void> {
  if (language === PSEUDO) await chooseLanguage(page, PSEUDO);
  const health = healthAnswer(language === 'cy-GB' ? { language: 'cy-GB' } : {});
  await page.addInitScript(fakeAgentInitScript({ health: [health], manager }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('till')).toBeVisible();
  await page.getByRole('button', { name: named(say(language, 'header.tab.manager')) }).click();
  await page.locator('#manager-pin').fill('1234');
  await page.locator('#manager-pin').press('Enter');
  const settingsChip = managerViews.find((v) => v.view === 'settings')!.label;
  await page.getByRole('button', { name: say(language, settingsChip), exact: true }).click();
  await expect(page.locator('#settings-heading')).toBeFocused();
  await expect(page.getByTestId('settings-source')).toBeVisible();
}

/** The steps both languages go through, with `check` run on each screen state. */
async function walkThrough(page: Page, language: ScreenLanguage, check: (state: string) => Promise<void>) {
  const t = (id: MessageId) => say(language, id);
  // Every section: the files and the demo, what needs fixing, the secrets, every group.
  await expect(page.getByTestId('settings-warnings')).toBeVisible();
  await expect(page.getByTestId('secret-key').getByTestId('secret-policy')).toBeVisible();
  await expect(page.getByTestId('settings-group')).toHaveCount(12);
  await check('the settings');

  // A new POS API token typed wrong: refused here.
  const opener = page.getByRole('button', { name: t('settings.posToken.action') });
  await opener.click();
  const field = page.locator('#secret-field');
  await expect(field).toBeFocused();
  await field.fill('short');
  await field.press('Enter');
  await expect(page.getByTestId('secret-problem')).toBeVisible();
  await check('a token typed too short');

  // Sent, and refused by the agent.
  await field.fill(NEW_TOKEN);
  await field.press('Enter');
  await expect(page.getByTestId('settings-problem')).toBeVisible();
  await check('a save refused');

  // Sent again, and saved: the settings read again.
  await field.fill(NEW_TOKEN);
  await field.press('Enter');
  await expect(page.getByTestId('settings-notice')).toBeVisible();
  await expect(page.getByTestId('secret-note')).toBeVisible();
  await check('a save done');

  // The POS API token shown, and copied (or selected where the clipboard is not allowed).
  await page.getByRole('button', { name: t('settings.token.show') }).click();
  await expect(page.getByTestId('token')).toHaveText(TOKEN);
  await page.getByRole('button', { name: t('settings.token.copy'), exact: true }).click();
  await expect(page.getByTestId('token-copied')).not.toHaveText('');
  await check('the token shown');
}

test('every visible word of the Settings view comes from the catalogue (pseudo-locale)', async ({ page }) => {
  test.setTimeout(60_000);
  await openSettings(page, PSEUDO);
  await expect(page.locator('#settings-heading')).toHaveText('⟦Settings⟧');
  await walkThrough(page, PSEUDO, async (state) => {
    expect(await unmarkedText(page), state).toEqual([]);
  });
  await expect(page.getByTestId('settings-problem')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
});

test('the Settings view in Welsh: Welsh words, no English message, no axe violation', async ({ page }) => {
  // Axe on five screen states takes a while on a busy till-sized machine.
  test.setTimeout(120_000);
  await openSettings(page, 'cy-GB');
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy-GB');
  await expect(page.locator('#settings-heading')).toHaveText('Gosodiadau');
  await expect(page.getByTestId('settings-file-kind')).toHaveText('(ffeil y peiriant cyfan, polisi TG)');
  await expect(
    page.locator('[data-testid="settings-entry"][data-key="till.siteId"]').getByTestId('entry-source'),
  ).toHaveText('ffynhonnell: enw’r cyfrifiadur');
  await expect(page.getByTestId('secret-token')).toContainText('wedi’i osod (yn gorffen …9f9f)');
  // The agent's warning stays as it wrote it, marked as English for screen readers.
  await expect(page.getByTestId('settings-warnings').locator('ul')).toHaveAttribute('lang', 'en');
  const seen: string[] = [];
  await walkThrough(page, 'cy-GB', async (state) => {
    seen.push(state);
    expect(await englishShown(page), state).toEqual([]);
    expect(await axeViolations(page), state).toEqual([]);
    if (state === 'a token typed too short')
      await expect(page.getByTestId('secret-problem')).toHaveText(
        'Rhaid i’r tocyn POS API fod yn 24 nod o leiaf.',
      );
    if (state === 'a save refused') {
      const problem = page.getByTestId('settings-problem');
      await expect(problem).toContainText('Ni chafodd y tocyn POS API ei gadw');
      await expect(problem).toContainText(
        'Methu cadw’r gyfrinach. Gwiriwch y ddisg, yna rhowch gynnig arall arni.',
      );
    }
    if (state === 'a save done')
      await expect(page.getByTestId('settings-notice')).toHaveText(
        'Wedi’i gadw a’i selio ar y til hwn. Rhaid rhoi’r tocyn newydd i’r POS; bydd Till Agent yn ei ddefnyddio ar ôl ailgychwyn.',
      );
  });
  expect(seen).toHaveLength(5);
});
