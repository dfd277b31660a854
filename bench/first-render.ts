// The cashier screen's first render in Chromium: the real `serve --demo` (through the launcher),
// its session link opened in Debian's Chromium by Playwright, each load in a fresh browser
// context (no cache, no cookie: the link sets it and redirects, as when a till opens it).
// The figure is navigation start (performance.timeOrigin, before the redirect) until the frame
// after the card-number input is laid out with a size and the link status shows what /health said
// (anything but "Connecting…"); a MutationObserver installed before the page's scripts notices it,
// and the time is taken in the page with performance.now() once that frame has been produced.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { spawnAgent } from './agent-process';
import { round, stats, type Row } from './lib';

declare const window: { __tillRendered?: { domMs: number; paintedMs: number; link: string } };

/**
 * Runs in the page before its own scripts (Playwright's init scripts are not subject to the page's
 * CSP). A string, not a function: the TypeScript loader decorates functions with helpers the page
 * does not have.
 */
const watchFirstRender = `(() => {
  let done = false;
  const check = () => {
    if (done) return;
    const input = document.getElementById('card-number');
    const link = document.querySelector('[data-testid="link"]');
    if (!input || !link) return;
    const box = input.getBoundingClientRect();
    const text = (link.textContent || '').replace('Centegra Plus: ', '').trim();
    if (box.width === 0 || box.height === 0 || !text || text.startsWith('Connecting')) return;
    done = true;
    observer.disconnect();
    const domMs = performance.now();
    // The frame that shows it: after the next animation frame's rendering work.
    requestAnimationFrame(() =>
      setTimeout(() => (window.__tillRendered = { domMs, paintedMs: performance.now(), link: text }), 0),
    );
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
}

async function loadOnce(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 400, height: 640 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: watchFirstRender });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__tillRendered !== undefined, null, { timeout: 15_000 });
    return (await page.evaluate(() => window.__tillRendered))!;
  } finally {
    await context.close();
  }
}

export async function firstRender(loads = 10): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-bench-'));
  const agent = await spawnAgent(['--demo', '--port', '0', '--data-dir', path.join(dir, 'data')]);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // Each fresh context opens a window whose omnibox popup (a WebUI page in a renderer of its
      // own) loads alongside the cashier screen: up to ~1 s of another main thread on a 2-core machine,
      // browser chrome a till's window (Electron, or a browser's app window) does not load per page.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
    ],
  });
  try {
    await loadOnce(browser, agent.uiUrl); // Chromium's and the agent's first time
    const painted: number[] = [];
    const dom: number[] = [];
    let link = '';
    for (let i = 0; i < loads; i++) {
      const r = await loadOnce(browser, agent.uiUrl);
      painted.push(r.paintedMs);
      dom.push(r.domMs);
      link = r.link;
    }
    const p = stats(painted);
    const d = stats(dom);
    return [
      {
        figure: 'cashier screen first render in Chromium, median',
        value: round(p.p50, 0),
        unit: 'ms',
        budget: 500,
        detail: `n=${p.n}, max ${round(Math.max(...painted), 0)} ms; in the DOM at ${round(d.p50, 0)} ms (median); link showed "${link}"`,
      },
    ];
  } finally {
    await browser.close();
    await agent.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
