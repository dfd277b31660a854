// The Scanners tab, Diagnostics and the support bundle in the pseudo-locale and in Welsh, against
// the built renderer and a scripted window.tillAgent, in a small window (400x640). In the
// pseudo-locale every visible word is from the catalogue, save what the agent sent as it is
// (data-agent-text: its English free text for IT, marked lang="en", and names, paths and bytes);
// in Welsh no English catalogue message shows and axe finds nothing.
import { expect, test, type Page } from '@playwright/test';
import type { Result, ScannerState } from '../../main/agent/contract';
import { cyGB } from '../../renderer/src/i18n/cy-GB';
import { enGB, type MessageId } from '../../renderer/src/i18n/en-GB';
import { PSEUDO } from '../../renderer/src/i18n/languages';
import {
  checkOf,
  diagnosticsOf,
  fakeAgentInitScript,
  healthAnswer,
  queuePageOf,
  type FakeAgentScript,
  type ManagerScript,
  type ScannersReport,
} from './fixtures/fake-agent';
import { axeViolations, chooseLanguage, englishShown, unmarkedText } from './fixtures/i18n';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();

test.use({ viewport: { width: 400, height: 640 } });
// Each test reads the page several times over, with axe: slow on a shared machine.
test.slow();

type Shown = typeof PSEUDO | 'cy-GB';

/** A message as the screen in `language` shows it (no arguments). */
const say = (language: Shown, id: MessageId): string => (language === 'cy-GB' ? cyGB[id] : `⟦${enGB[id]}⟧`);

const minutesAgo = (n: number): string => new Date(Date.now() - n * 60_000).toISOString();

const handheld: ScannerState = {
  deviceId: 'hid:0c2e:0b61',
  kind: 'hid',
  name: 'Till 1 handheld',
  connected: true,
  path: '/dev/hidraw3',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  usagePage: 0x8c,
  lastScanAt: minutesAgo(2),
};

/** Needs attention: not connected, with the agent's reason and fix. */
const cradle: ScannerState = {
  deviceId: 'serial:COM3',
  kind: 'serial',
  connected: false,
  path: 'COM3',
  problem: 'COM3 is in use by another program. Close the other program (or its service), then replug it.',
};

/** A keyboard-wedge scanner: read by the screen, typed into this window. */
const wedge: ScannerState = { deviceId: 'keyboard', kind: 'keyboard', connected: true };

const fullReport: ScannersReport = {
  scanners: [handheld, cradle, wedge],
  found: [
    {
      kind: 'hid',
      path: '/dev/hidraw3',
      vendorId: 0x0c2e,
      productId: 0x0b61,
      usagePage: 0x8c,
      usage: 0x02,
      manufacturer: 'Honeywell',
      product: 'Voyager 1450g',
    },
    { kind: 'hid', path: '/dev/hidraw5', vendorId: 0x05e0, productId: 0x1200, usagePage: 0x01, usage: 0x06 },
    { kind: 'serial', path: '/dev/ttyACM0', usagePage: 0xff45 },
  ],
  recent: [
    {
      at: minutesAgo(5),
      deviceId: 'hid:0c2e:0b61',
      rawHex: '5d 45 30 35 30 31 32 33 34 35 36 37 38 39 30 30',
      aim: ']E0',
      symbology: 'EAN-13',
      text: '5012345678900',
      valid: false,
      reason: 'That is a product barcode (EAN-13), not a gift card.',
      repeat: false,
    },
    {
      at: minutesAgo(3),
      deviceId: 'hid:0c2e:0b61',
      rawHex: '5d 43 30 •• •• •• •• •• •• •• •• •• •• •• •• 30 30 31 31',
      aim: ']C0',
      symbology: 'Code 128',
      text: '••••••••••••0011',
      valid: true,
      form: 'bare',
      repeat: true,
    },
    {
      at: '2025-03-01T09:05:00Z',
      deviceId: 'keyboard',
      rawHex: '•• •• •• •• •• •• •• •• •• •• •• •• 30 30 31 31 0a',
      text: '••••••••••••0011\n',
      valid: false,
      repeat: false,
    },
  ],
};

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

const wedgeSettings = ok({ maxKeyGapMs: 40, minLength: 8, prefix: ']', suffix: ['\r', '\n'] });

async function openScreen(page: Page, language: Shown, script: Partial<FakeAgentScript>): Promise<void> {
  if (language === PSEUDO) await chooseLanguage(page, PSEUDO);
  const health = healthAnswer(language === 'cy-GB' ? { language: 'cy-GB' } : {});
  await page.addInitScript(fakeAgentInitScript({ health: [health], wedgeSettings, ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('till')).toBeVisible();
}

const tab = (page: Page, language: Shown, id: MessageId) =>
  page.getByRole('button', { name: new RegExp(`^${say(language, id)}`) });

async function openScanners(page: Page, language: Shown, script: Partial<FakeAgentScript>): Promise<void> {
  await openScreen(page, language, script);
  await tab(page, language, 'header.tab.scanners').click();
  await expect(
    page.getByRole('heading', { name: say(language, 'scanners.heading'), level: 2 }),
  ).toBeFocused();
}

async function openDiagnostics(page: Page, language: Shown, script: Partial<FakeAgentScript>): Promise<void> {
  await openScanners(page, language, script);
  await page.getByRole('button', { name: say(language, 'scanners.diagnostics'), exact: true }).click();
  await expect(page.getByTestId('diagnostics-summary')).toBeVisible();
}

const problemChecks = diagnosticsOf(
  [
    checkOf('online', {
      status: 'FAIL',
      detail: 'The name centegra.example could not be looked up (ENOTFOUND).',
      fix: "Check the till's internet connection and DNS settings; check centegra.baseUrl in the config for typos.",
    }),
    checkOf('centegra', {
      status: 'NOT_CHECKED',
      detail: 'Centegra Plus could not be reached.',
      fix: 'Fix the check above first.',
    }),
    checkOf('site', {
      status: 'NOT_CHECKED',
      detail: 'Centegra Plus could not be reached.',
      fix: 'Fix the first check first.',
    }),
  ],
  {
    at: '2025-03-03T14:30:05Z',
    warnings: [
      '/etc/till-agent/config.json holds secrets (centegra.apiKey) and every user on this till can read it.',
    ],
  },
);

const SESSION = 'sess-1';
const unlocked: ManagerScript['managerUnlock'] = [
  { ok: true, value: { session: SESSION, expiresAt: new Date(Date.now() + 600_000).toISOString() } },
];
const BUNDLE = 'till-agent-support-0042-3-2025-03-03-14-30-00.zip';

async function openBundle(page: Page, language: Shown, bundle: ManagerScript['managerSupportBundle']) {
  await openScreen(page, language, {
    manager: { managerUnlock: unlocked, managerQueue: [queuePageOf([])], managerSupportBundle: bundle },
  });
  await tab(page, language, 'header.tab.manager').click();
  const pin = page.locator('input[type="password"]');
  await pin.fill('1234');
  await pin.press('Enter');
  await page.getByRole('button', { name: say(language, 'manager.view.bundle'), exact: true }).click();
  await expect(
    page.getByRole('heading', { name: say(language, 'bundle.heading'), exact: true }),
  ).toBeFocused();
}

for (const language of [PSEUDO, 'cy-GB'] as const) {
  /** Pseudo-locale: nothing unmarked. Welsh: no English catalogue message, and no axe violation. */
  const allInLanguage = async (page: Page): Promise<void> => {
    if (language === PSEUDO) {
      expect(await unmarkedText(page)).toEqual([]);
    } else {
      expect(await englishShown(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    }
  };

  test(`${language}: the Scanners tab with scanners connected, not connected and needing attention, a keyboard wedge, found devices and recent codes`, async ({
    page,
  }) => {
    await openScanners(page, language, { scannersReports: [ok(fullReport)] });
    await expect(page.getByTestId('scanner')).toHaveCount(3);
    await expect(page.getByTestId('scanner-connection').nth(0)).toHaveText(
      say(language, 'scanners.connected'),
    );
    await expect(page.getByTestId('scanner-connection').nth(1)).toHaveText(
      say(language, 'scanners.notConnected'),
    );
    // The agent's fix for IT stays its English, and says so.
    await expect(page.getByTestId('scanner-problem').locator('[lang="en"]')).toHaveText(cradle.problem!);
    await expect(page.getByTestId('scanner').nth(2)).toContainText(say(language, 'scanners.kind.keyboard'));
    await expect(page.getByTestId('found-device')).toHaveCount(3);
    await expect(page.getByTestId('found-device').nth(1)).toContainText(
      say(language, 'scanners.found.unnamed'),
    );
    await expect(page.getByTestId('recent-code')).toHaveCount(3);
    await expect(page.getByTestId('recent-repeat')).toHaveText(say(language, 'scanners.recent.repeat'));
    await expect(page.getByTestId('recent-outcome').nth(2)).toHaveText(
      say(language, 'scanners.outcome.notGiftCard'),
    );
    await expect(page.getByTestId('panel-status')).not.toHaveText('');
    if (language === 'cy-GB') {
      // Newest first: the gift card read 3 minutes ago, its form as the agent names it.
      await expect(page.getByTestId('recent-outcome').nth(0)).toHaveText('Cerdyn rhodd (bare)');
      // An earlier day, by Intl for Welsh; in figures where the browser's Intl has no Welsh (as every
      // other date on the screens), never an English month name.
      await expect(page.getByTestId('recent-code').nth(2).locator('time')).toHaveText(
        /^(1 Maw 2025|01\/03\/2025), \d\d:\d\d:\d\d$/,
      );
      await expect(page.locator('abbr[title="nod rheoli 0x0a"]')).toHaveText('LF');
    }
    await allInLanguage(page);
  });

  test(`${language}: the Scanners tab with nothing configured, found or scanned, and a read that failed`, async ({
    page,
  }) => {
    await openScanners(page, language, {
      scannersReports: [
        ok({ scanners: [], found: [], recent: [] }),
        { ok: false, error: { code: 'INTERNAL', message: "Till Agent didn't answer. Try again." } },
      ],
    });
    await expect(page.getByTestId('no-scanners')).toContainText(say(language, 'scanners.configured.none'));
    await expect(page.getByTestId('no-devices')).toHaveText(say(language, 'scanners.found.none'));
    await expect(page.getByTestId('no-recent')).toHaveText(say(language, 'scanners.recent.none'));
    await page.getByRole('button', { name: say(language, 'scanners.refresh'), exact: true }).click();
    await expect(page.getByTestId('panel-problem')).toContainText(say(language, 'scanners.problem.heading'));
    // What to do by the error's code; the agent's own message beside it, marked as English.
    await expect(page.getByTestId('panel-problem').locator('[lang="en"]')).toHaveText(
      "Till Agent didn't answer. Try again.",
    );
    await allInLanguage(page);
  });

  test(`${language}: Diagnostics with passed, failed and not-checked checks, and IT's warnings`, async ({
    page,
  }) => {
    await openDiagnostics(page, language, { diagnostics: [problemChecks] });
    const checks = page.getByTestId('check');
    await expect(checks).toHaveCount(7);
    await expect(checks.nth(0).getByTestId('check-status')).toHaveText(
      say(language, 'diagnostics.status.FAIL'),
    );
    await expect(checks.nth(1).getByTestId('check-status')).toHaveText(
      say(language, 'diagnostics.status.NOT_CHECKED'),
    );
    await expect(checks.nth(2).getByTestId('check-status')).toHaveText(
      say(language, 'diagnostics.status.PASS'),
    );
    await expect(checks.nth(0).getByRole('heading')).toContainText(say(language, 'diagnostics.check.online'));
    // The check's detail and fix are the agent's English for IT (as `diagnose` prints them), marked so.
    await expect(checks.nth(0).getByTestId('check-detail')).toHaveAttribute('lang', 'en');
    await expect(checks.nth(0).getByTestId('check-fix')).toContainText(say(language, 'diagnostics.whatToDo'));
    await expect(page.getByTestId('diagnostics-warnings').locator('[lang="en"]')).toHaveCount(1);
    if (language === 'cy-GB')
      await expect(page.getByTestId('diagnostics-summary')).toHaveText(
        '1 gwiriad wedi methu, 2 heb eu rhedeg',
      );
    await allInLanguage(page);
  });

  test(`${language}: Diagnostics all passed, and checks that could not be run at all`, async ({ page }) => {
    await openDiagnostics(page, language, {
      diagnostics: [
        diagnosticsOf(),
        { ok: false, error: { code: 'INTERNAL', message: "Till Agent didn't answer. Try again." } },
      ],
    });
    await expect(page.getByTestId('diagnostics-summary')).toHaveText(
      say(language, 'diagnostics.summary.allPassed'),
    );
    await allInLanguage(page);
    await page.getByRole('button', { name: say(language, 'diagnostics.run'), exact: true }).click();
    await expect(page.getByTestId('diagnostics-problem')).toContainText(
      say(language, 'diagnostics.problem.heading'),
    );
    await expect(page.getByTestId('diagnostics-problem').locator('[lang="en"]')).toHaveCount(1);
    await allInLanguage(page);
  });

  test(`${language}: the support bundle, saved, then damaged`, async ({ page }) => {
    const zipBase64 = Buffer.from('PK\x03\x04 diagnostics.json').toString('base64');
    await openBundle(page, language, [
      ok({ filename: BUNDLE, zipBase64 }),
      ok({ filename: BUNDLE, zipBase64: 'not base64!' }),
    ]);
    await allInLanguage(page);
    const make = page.getByRole('button', { name: say(language, 'bundle.make'), exact: true });
    await make.click();
    await expect(page.getByTestId('bundle-notice')).toContainText(BUNDLE);
    await allInLanguage(page);
    await make.click();
    await expect(page.getByTestId('bundle-problem')).toContainText(say(language, 'bundle.damaged'));
    await allInLanguage(page);
  });
}
