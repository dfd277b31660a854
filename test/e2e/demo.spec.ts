// The newcomer's path, end to end: `serve --demo` as a real process, its cashier screen in Chromium.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { startCli, repoRoot } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

let served: Awaited<ReturnType<typeof startCli>>;
let data: ReturnType<typeof tempDir>;
let uiUrl: string;
let simOrigin: string;

test.beforeAll(async () => {
  data = tempDir();
  served = await startCli(
    ['serve', '--demo', '--port', '0', '--data-dir', data.dir],
    /Press Ctrl\+C to stop/,
  );
  uiUrl = /Cashier screen: (\S+)/.exec(served.output())![1]!;
  simOrigin = new URL(/Simulator: +(\S+)/.exec(served.output())![1]!).origin;
});

test.afterAll(async () => {
  await served?.stop();
  data?.remove();
});

async function setFaults(faults: object): Promise<void> {
  const r = await fetch(`${simOrigin}/__sim/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  expect(r.status).toBe(200);
}

test('a newcomer keys a demo card and sees its balance', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await setFaults({});
  await page.goto(uiUrl);
  await expect(page.getByText(/DEMO/).first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await page.getByLabel('Gift card number').fill('6280 3900 0000 0011');
  await page.getByLabel('Gift card number').press('Enter');
  await expect(page.getByText('£50.00')).toBeVisible();
  await expect(page.getByText(/0011/)).toBeVisible();
  await page.screenshot({ path: path.join(repoRoot, 'resources', 'screenshot-cashier.png') });
  expect(problems).toEqual([]);
});

test('with the key switched off in Centegra, the cashier is told where to enable it', async ({ page }) => {
  await page.goto(uiUrl);
  await setFaults({ keyDisabled: true });
  try {
    await page.getByLabel('Gift card number').fill('6280390000000011');
    await page.getByRole('button', { name: 'Check balance' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(
      'Company Settings > External Access & FTP > API Secure Keys > "Factor4 Gift Card"',
    );
    await expect(page.getByText('Key switched off').first()).toBeVisible();
  } finally {
    await setFaults({});
  }
});
