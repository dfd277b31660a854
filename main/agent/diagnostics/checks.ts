// The seven troubleshooting checks: the six of config-and-cli.md, in Centegra's own order, and
// a seventh of 1.1 (is Factor4 configured for this site?), each with a PASS or FAIL and, when it
// fails, exactly what to do. Run by `diagnose`, the Diagnostics screen and GET /v1/diagnostics;
// the I/O is passed in, so every outcome is testable.
import dns from 'node:dns/promises';
import net from 'node:net';
import type { CentegraResult, CentegraStatus } from '../centegra';
import { KEY_FIX, type ScannerState } from '../contract';

export type CheckId = 'online' | 'centegra' | 'factor4' | 'key' | 'scanners' | 'queue' | 'site';

/**
 * The card number the site check enquires about: valid in form, never issued. /status says
 * nothing of sites; an enquiry, which moves no money, is what Centegra answers with 403
 * SITE_NOT_CONFIGURED when it holds no Factor4 credentials for the till's site, and otherwise
 * with 404 CARD_NOT_FOUND from Factor4.
 */
export const SITE_PROBE_CARD = '0000000000000000';

export const SITE_FIX =
  "Ask Centegra to configure the site's Factor4 Client ID, Location ID, Terminal ID, username and password.";

export interface Check {
  id: CheckId;
  title: string;
  /** NOT_CHECKED when the check could not be run (an earlier one failed): never shown as passed. */
  status: 'PASS' | 'FAIL' | 'NOT_CHECKED';
  /** What was found, in plain words; for a check not run, why not. */
  detail: string;
  /** When it failed or was not run: exactly what to do. */
  fix?: string;
}

export interface DiagnosticsInput {
  baseUrl: string;
  /** Resolve and connect to the Centegra host; in tests, a stand-in. */
  reach?: (
    host: string,
    port: number,
    timeoutMs: number,
  ) => Promise<{ ok: true } | { ok: false; stage: 'dns' | 'connect'; error: string }>;
  status: () => Promise<CentegraResult<CentegraStatus>>;
  scanners: () => ScannerState[];
  configuredScanners: number;
  queue: () => { pending: number; failed: number; oldestPendingAt?: string };
  /** 7: an enquiry for SITE_PROBE_CARD as this till's site, and the site's id for the words. */
  site?: { siteId: string; enquire: () => Promise<CentegraResult<unknown>> };
  now: () => Date;
  timeoutMs: number;
}

export async function reachHost(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<{ ok: true } | { ok: false; stage: 'dns' | 'connect'; error: string }> {
  try {
    await dns.lookup(host);
  } catch (e) {
    return { ok: false, stage: 'dns', error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const done = (r: { ok: true } | { ok: false; stage: 'connect'; error: string }) => {
      socket.destroy();
      resolve(r);
    };
    socket.once('connect', () => done({ ok: true }));
    socket.once('timeout', () => done({ ok: false, stage: 'connect', error: 'timed out' }));
    socket.once('error', (e: NodeJS.ErrnoException) =>
      done({ ok: false, stage: 'connect', error: e.code ?? e.message }),
    );
  });
}

const STALE_QUEUE_MS = 15 * 60_000;

export async function runChecks(input: DiagnosticsInput): Promise<Check[]> {
  const url = new URL(input.baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const checks: Check[] = [];

  // 1. Is this till online: can it resolve and reach the Centegra Plus host?
  const reached = await (input.reach ?? reachHost)(host, port, input.timeoutMs);
  checks.push(
    reached.ok
      ? {
          id: 'online',
          title: 'This till can reach Centegra Plus',
          status: 'PASS',
          detail: `${host}:${port} answers.`,
        }
      : {
          id: 'online',
          title: 'This till can reach Centegra Plus',
          status: 'FAIL',
          detail:
            reached.stage === 'dns'
              ? `The name ${host} could not be looked up (${reached.error}).`
              : `${host}:${port} could not be reached (${reached.error}).`,
          fix:
            reached.stage === 'dns'
              ? "Check the till's internet connection and DNS settings; check centegra.baseUrl in the config for typos."
              : "Check the till's network cable or Wi-Fi, and that the shop's firewall or proxy lets the till reach this address on this port.",
        },
  );

  // 2-4. Is the API up, Factor4 behind it, and the key enabled? One /status call answers all three.
  const status = reached.ok ? await input.status() : undefined;
  // 7 is asked now, beside the status, and reported last: 1-6 keep their numbers.
  const siteAnswer =
    status && input.site && (status.ok || status.error.code !== 'CENTEGRA_KEY_DISABLED')
      ? await input.site.enquire()
      : undefined;
  const skipped = (id: CheckId, title: string): Check => ({
    id,
    title,
    status: 'NOT_CHECKED',
    detail: 'Centegra Plus could not be reached.',
    fix: 'Fix the check above first.',
  });
  if (!status) {
    checks.push(
      skipped('centegra', 'The Centegra Plus API is up'),
      skipped('factor4', 'Factor4 is up behind Centegra Plus'),
      skipped('key', 'The Factor4 Gift Card key is enabled'),
    );
  } else {
    const keyProblem = !status.ok && status.error.code === 'CENTEGRA_KEY_DISABLED';
    const apiAnswered =
      status.ok ||
      (status.error.httpStatus !== undefined && status.error.httpStatus < 500) ||
      status.error.code === 'FACTOR4_UNAVAILABLE';
    checks.push(
      apiAnswered
        ? {
            id: 'centegra',
            title: 'The Centegra Plus API is up',
            status: 'PASS',
            detail: 'GET /status answered.',
          }
        : {
            id: 'centegra',
            title: 'The Centegra Plus API is up',
            status: 'FAIL',
            detail: `GET /status did not answer properly: ${status.ok ? '' : status.error.message}`,
            fix: "Check Centegra's status page; if Centegra Plus is up, check centegra.baseUrl in the config.",
          },
    );
    if (status.ok) {
      checks.push(
        status.value.factor4 === 'DOWN'
          ? {
              id: 'factor4',
              title: 'Factor4 is up behind Centegra Plus',
              status: 'FAIL',
              detail: 'Centegra Plus reports Factor4 is down.',
              fix: 'Nothing to change on the till: wait for Factor4, or check with Factor4 that their API is operational. Sales made meanwhile are queued.',
            }
          : {
              id: 'factor4',
              title: 'Factor4 is up behind Centegra Plus',
              status: 'PASS',
              detail:
                status.value.factor4 === 'DEGRADED' ? 'Factor4 is up but running slowly.' : 'Factor4 is up.',
            },
      );
      checks.push({
        id: 'key',
        title: 'The Factor4 Gift Card key is enabled',
        status: 'PASS',
        detail: 'Centegra Plus accepted the key.',
      });
    } else {
      checks.push(
        status.error.code === 'FACTOR4_UNAVAILABLE'
          ? {
              id: 'factor4',
              title: 'Factor4 is up behind Centegra Plus',
              status: 'FAIL',
              detail: 'Factor4 is not answering behind Centegra Plus.',
              fix: 'Nothing to change on the till: wait for Factor4, or check with Factor4 that their API is operational.',
            }
          : {
              id: 'factor4',
              title: 'Factor4 is up behind Centegra Plus',
              status: 'NOT_CHECKED',
              detail: keyProblem
                ? 'Centegra Plus refused the key, so it said nothing of Factor4.'
                : 'Centegra Plus did not answer the status check.',
              fix: keyProblem ? 'Fix the key first (below).' : 'Fix the check above first.',
            },
      );
      checks.push(
        keyProblem
          ? {
              id: 'key',
              title: 'The Factor4 Gift Card key is enabled',
              status: 'FAIL',
              detail:
                status.error.cause === 'KEY_INVALID'
                  ? 'Centegra Plus does not recognise the key in the config.'
                  : 'The key is switched off in Centegra Plus.',
              fix:
                status.error.cause === 'KEY_INVALID'
                  ? `Copy the key into centegra.apiKey from Centegra Plus: ${KEY_FIX.replace(/^In Centegra Plus, go to /, '')}`
                  : KEY_FIX,
            }
          : status.error.code === 'FACTOR4_UNAVAILABLE'
            ? {
                id: 'key',
                title: 'The Factor4 Gift Card key is enabled',
                status: 'PASS',
                detail: 'Centegra Plus accepted the key (it answered about Factor4).',
              }
            : {
                // No answer past the key (an error, a timeout, a rate limit): the key was not tested.
                id: 'key',
                title: 'The Factor4 Gift Card key is enabled',
                status: 'NOT_CHECKED',
                detail: `Centegra Plus did not answer the status check (${status.error.cause}), so the key was not tested.`,
                fix: 'Fix the checks above first, then run the checks again.',
              },
      );
    }
  }

  // 5. Are the configured scanners connected, and when did each last read?
  const scanners = input.scanners();
  const disconnected = scanners.filter((s) => !s.connected);
  const describe = (s: (typeof scanners)[number]) =>
    `${s.name ?? s.deviceId}: ${s.connected ? 'connected' : 'not connected'}${s.lastScanAt ? `, last scan ${s.lastScanAt}` : ', no scan yet'}`;
  checks.push(
    input.configuredScanners === 0
      ? {
          id: 'scanners',
          title: 'The scanners are connected',
          status: 'PASS',
          detail:
            'No scanners are configured: cards are keyed in (keyboard-wedge scanners also work in the Till Agent window).',
        }
      : disconnected.length === 0
        ? {
            id: 'scanners',
            title: 'The scanners are connected',
            status: 'PASS',
            detail: scanners.map(describe).join('; '),
          }
        : {
            id: 'scanners',
            title: 'The scanners are connected',
            status: 'FAIL',
            detail: scanners.map(describe).join('; '),
            fix: disconnected
              .map(
                (s) => s.problem ?? `${s.name ?? s.deviceId}: plug it in, or check its USB id in the config.`,
              )
              .join(' '),
          },
  );

  // 6. Is the offline queue draining?
  const q = input.queue();
  const ageMs = q.oldestPendingAt ? input.now().getTime() - Date.parse(q.oldestPendingAt) : 0;
  const minutes = Math.floor(ageMs / 60_000);
  checks.push(
    q.failed > 0
      ? {
          id: 'queue',
          title: 'The offline queue is draining',
          status: 'FAIL',
          detail: `${q.failed} sale${q.failed === 1 ? '' : 's'} did not go through.`,
          fix: 'A manager opens the Manager view (PIN), reads what to do for each, and marks it collected or written off.',
        }
      : q.pending > 0 && ageMs > STALE_QUEUE_MS
        ? {
            id: 'queue',
            title: 'The offline queue is draining',
            status: 'FAIL',
            detail: `${q.pending} sale${q.pending === 1 ? '' : 's'} waiting; the oldest for ${minutes} minutes.`,
            fix: 'Fix any check above that fails; the queue then sends by itself. A manager can press Retry now.',
          }
        : {
            id: 'queue',
            title: 'The offline queue is draining',
            status: 'PASS',
            detail:
              q.pending > 0
                ? `${q.pending} waiting, the oldest for ${minutes} minutes.`
                : 'Nothing is waiting to be sent.',
          },
  );

  // 7. Is Factor4 configured for this site in Centegra Plus?
  if (input.site) checks.push(siteCheck(input.site.siteId, status, siteAnswer));
  return checks;
}

const SITE_TITLE = 'Factor4 is configured for this site';

function siteCheck(
  siteId: string,
  status: CentegraResult<CentegraStatus> | undefined,
  answer: CentegraResult<unknown> | undefined,
): Check {
  const notChecked = (detail: string, fix: string): Check => ({
    id: 'site',
    title: SITE_TITLE,
    status: 'NOT_CHECKED',
    // Starts with a capital: the screen's pill and the CLI's status already say "not checked".
    detail: `${detail[0]!.toUpperCase()}${detail.slice(1)}`,
    fix,
  });
  if (!status) return notChecked('Centegra Plus could not be reached.', 'Fix the first check first.');
  if (!answer) return notChecked('the key was refused.', 'Fix the key first (check 4).');
  if (answer.ok || ['CARD_NOT_FOUND', 'CARD_NOT_ACTIVE'].includes(answer.error.cause))
    return {
      id: 'site',
      title: SITE_TITLE,
      status: 'PASS',
      detail: `Factor4 answered a card enquiry for site ${siteId}.`,
    };
  const e = answer.error;
  if (e.code === 'SITE_NOT_CONFIGURED')
    return {
      id: 'site',
      title: SITE_TITLE,
      status: 'FAIL',
      detail: `Centegra Plus has no Factor4 set-up for site ${siteId} (SITE_NOT_CONFIGURED).`,
      fix: SITE_FIX,
    };
  if (e.code === 'CENTEGRA_KEY_DISABLED')
    return notChecked('the key was refused.', 'Fix the key first (check 4).');
  if (e.code === 'FACTOR4_UNAVAILABLE' || e.cause === 'FACTOR4_TIMEOUT')
    return notChecked('Factor4 did not answer.', 'Wait for Factor4 (check 3), then run the checks again.');
  if (e.code === 'OFFLINE' || e.code === 'RATE_LIMITED')
    return notChecked(
      `Centegra Plus did not answer the enquiry (${e.cause}).`,
      'Run the checks again in a minute.',
    );
  return notChecked(
    `the enquiry was answered with ${e.cause}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}.`,
    "Run the checks again; if this stays, send a support bundle to Till Agent's support.",
  );
}

export function formatChecks(checks: readonly Check[]): string {
  return checks
    .map(
      (c, i) =>
        `${i + 1}. ${c.status === 'NOT_CHECKED' ? 'NOT CHECKED' : c.status}  ${c.title}\n      ${c.detail}${c.fix ? `\n      What to do: ${c.fix}` : ''}`,
    )
    .join('\n');
}

/** The checks as the diagnostics operation answers them: with the time, and IT's warnings beside them. */
export async function diagnosticsReport(
  input: DiagnosticsInput & { warnings: readonly string[] },
): Promise<{ checks: Check[]; allPassed: boolean; at: string; warnings: string[] }> {
  const checks = await runChecks(input);
  return {
    checks,
    allPassed: checks.every((c) => c.status === 'PASS'),
    at: input.now().toISOString(),
    warnings: [...input.warnings],
  };
}
