// The newcomer's path, end to end: `serve --demo` as a real process, its cashier screen in Chromium.
import { expect, test, type Page } from '@playwright/test';
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

/** Console errors and page errors, collected from now on. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

async function startPracticeSale(page: Page): Promise<void> {
  await page.goto(uiUrl);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  await page.getByRole('button', { name: 'Start a practice sale' }).click();
  await expect(page.getByTestId('due')).toHaveText('£33.00');
}

async function applyKeyedCard(page: Page, cardNumber: string): Promise<void> {
  await page.getByLabel('Gift card number').fill(cardNumber);
  await page.getByRole('button', { name: 'Apply to sale' }).click();
  await expect(page.getByTestId('tender')).toHaveCount(1);
}

test('key a card, apply it, close, see Delivered', async ({ page }) => {
  const problems = watchProblems(page);
  await setFaults({});
  await startPracticeSale(page);

  // The card holds £50.00 and the sale is £33.00: the card pays it all.
  await applyKeyedCard(page, '6280390000000011');
  await expect(page.getByTestId('due')).toHaveText('£0.00');
  await expect(page.getByTestId('tender')).toContainText('0011');
  await expect(page.getByTestId('tender-balance')).toContainText('£50.00 → £17.00');
  await expect(page.getByLabel('Gift card number')).toBeFocused();
  await page.screenshot({ path: path.join(repoRoot, 'resources', 'screenshot-sale.png') });

  await page.getByRole('button', { name: 'Close sale (rest in cash)' }).click();
  await expect(page.getByRole('heading', { name: 'Sale closed' })).toBeVisible();
  await expect(page.getByText('Delivered to Factor4')).toBeVisible();
  await expect(page.getByTestId('transactions')).toContainText('£33.00');
  expect(problems).toEqual([]);
});

test('closed while Centegra is down: queued, then delivered once it is back', async ({ page }) => {
  // The agent's link probe backs off while Centegra is away; its first retries come within seconds.
  test.setTimeout(60_000);
  const problems = watchProblems(page);
  await setFaults({});
  await startPracticeSale(page);
  await applyKeyedCard(page, '6280390000000078');
  await expect(page.getByTestId('due')).toHaveText('£0.00');

  await setFaults({ down: true });
  try {
    await page.getByRole('button', { name: 'Close sale (rest in cash)' }).click();
    await expect(page.getByText('Queued: will be sent when Centegra Plus is back')).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByTestId('queue-note')).toHaveText('1 sale waiting to be sent');
  } finally {
    await setFaults({});
  }
  await expect(page.getByText('Delivered to Factor4')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('queue-note')).toHaveText('');
  expect(problems).toEqual([]);
});
