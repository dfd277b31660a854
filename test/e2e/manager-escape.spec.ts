// Escape in a prompt closes that prompt only (issue 16 item 9): in "Enter the key" the Manager view
// stays open and unlocked; in a top-up's manager approval the till keeps the card number typed.
import { expect, test, type Page } from '@playwright/test';
import type { Result } from '../../main/agent/contract';
import {
  callsTo,
  fakeAgentInitScript,
  healthAnswer,
  queuePageOf,
  type FakeAgentScript,
  type ManagerScript,
  type Settings,
} from './fixtures/fake-agent';
import { guardedRendererScreen } from './fixtures/screen';

const rendererUrl = guardedRendererScreen();

const unlocked: ManagerScript['managerUnlock'] = [
  { ok: true, value: { session: 'sess-1', expiresAt: new Date(Date.now() + 600_000).toISOString() } },
];
const settings: Settings = {
  file: '/etc/till-agent/config.json',
  fileKind: 'machine',
  demo: false,
  dataDir: '/var/lib/till-agent',
  entries: [{ key: 'centegra.apiKey', value: 'set (ends …a1b2)', source: 'file', secret: true }],
  warnings: [],
};

async function openScreen(page: Page, script: Partial<FakeAgentScript>): Promise<void> {
  await page.addInitScript(fakeAgentInitScript({ health: [healthAnswer()], ...script }));
  await page.goto(rendererUrl());
  await expect(page.getByTestId('link')).toContainText('Online');
}

test('Escape in "Enter the key" closes that prompt; the Manager view stays open', async ({ page }) => {
  await openScreen(page, {
    manager: {
      managerUnlock: unlocked,
      managerQueue: [queuePageOf([])],
      managerSettings: [{ ok: true, value: settings }],
    },
  });
  await page.getByRole('button', { name: /^Manager/ }).click();
  await page.getByLabel('Manager PIN').fill('1234');
  await page.getByLabel('Manager PIN').press('Enter');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const enter = page.getByRole('button', { name: 'Enter the Factor4 Gift Card key' });
  await enter.click();
  const field = page.getByLabel('Factor4 Gift Card key', { exact: true });
  await field.fill('f4-key-half-typed');
  await field.press('Escape');

  await expect(page.getByTestId('secret-form')).toHaveCount(0);
  await expect(enter).toBeFocused();
  // Still in the unlocked Manager view, on Settings: nothing was locked.
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
  await expect(page.getByTestId('settings')).toBeVisible();
  expect(await callsTo(page, 'managerLock')).toEqual([]);
});

test('Escape in a top-up’s manager approval closes the approval; the till keeps the number typed', async ({
  page,
}) => {
  await openScreen(page, {
    sale: {
      screenTopUp: [
        {
          ok: false,
          error: {
            code: 'MANAGER_SESSION_EXPIRED',
            message: 'A top-up over £100.00 needs a manager: ask them to enter the manager PIN.',
            details: { approvalAboveMinor: 10000 },
          },
        } as Result<never>,
      ],
    },
    manager: { managerStatus: [{ ok: true, value: { pinSet: true, demoPin: false } }] },
  });
  const number = page.getByLabel('Gift card number');
  await number.fill('6280390000000045');
  await page.getByRole('button', { name: 'Top up / activate' }).click();
  await page.getByLabel('Amount to add').fill('150');
  await page.getByLabel('Amount to add').press('Enter');
  await page.getByRole('button', { name: 'Top up £150.00' }).click();
  const pin = page.getByLabel('Manager PIN');
  await expect(pin).toBeFocused();
  await pin.fill('12');
  await pin.press('Escape');

  await expect(page.getByTestId('topup-approval')).toHaveCount(0);
  await expect(number).toHaveValue('6280390000000045');
  expect(await callsTo(page, 'managerUnlock')).toEqual([]);
});
