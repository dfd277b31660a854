// Check 7, Factor4 configured for this site: what each answer to the enquiry means, with stand-ins
// for the network, Centegra's /status and the enquiry (the simulator's fault is in
// test/integration/diagnostics.test.ts).
import { describe, expect, it, vi } from 'vitest';
import type { CentegraFailure, CentegraResult, CentegraStatus } from '../../main/agent/centegra';
import { runChecks, SITE_FIX, SITE_PROBE_CARD, type DiagnosticsInput } from '../../main/agent/diagnostics';

const up: CentegraResult<CentegraStatus> = {
  ok: true,
  value: { factor4: 'UP', serverTime: '2026-01-01T00:00:00Z', capabilities: [] },
};

function failure(code: CentegraFailure['code'], cause: string, httpStatus?: number): CentegraResult<never> {
  return {
    ok: false,
    error: { code, cause, httpStatus, message: cause, outcomeUnknown: false, link: 'ONLINE' },
  };
}

function input(
  enquiry: CentegraResult<unknown>,
  overrides: Partial<DiagnosticsInput> = {},
): DiagnosticsInput & { enquire: ReturnType<typeof vi.fn> } {
  const enquire = vi.fn(async () => enquiry);
  return {
    baseUrl: 'https://api.centegraplus.com/giftcards/v1',
    reach: async () => ({ ok: true }),
    status: async () => up,
    scanners: () => [],
    configuredScanners: 0,
    queue: () => ({ pending: 0, failed: 0 }),
    site: { siteId: 'S042', enquire },
    now: () => new Date('2026-01-01T00:00:00Z'),
    timeoutMs: 1000,
    ...overrides,
    enquire,
  };
}

const siteOf = async (i: DiagnosticsInput) => {
  const checks = await runChecks(i);
  return { checks, site: checks.find((c) => c.id === 'site') };
};

describe('check 7: Factor4 configured for this site', () => {
  it('comes last, as number 7, after the six of the contract', async () => {
    const { checks } = await siteOf(input(failure('CARD_NOT_FOUND', 'CARD_NOT_FOUND', 404)));
    expect(checks.map((c) => c.id)).toEqual([
      'online',
      'centegra',
      'factor4',
      'key',
      'scanners',
      'queue',
      'site',
    ]);
  });

  it('passes when Factor4 answers for the site: the probe card is simply not found', async () => {
    const i = input(failure('CARD_NOT_FOUND', 'CARD_NOT_FOUND', 404));
    const { site } = await siteOf(i);
    expect(site).toEqual({
      id: 'site',
      title: 'Factor4 is configured for this site',
      status: 'PASS',
      detail: 'Factor4 answered a card enquiry for site S042.',
    });
    expect(i.enquire).toHaveBeenCalledOnce();
    expect(SITE_PROBE_CARD).toMatch(/^[0-9A-Za-z]{8,32}$/);
  });

  it('fails on SITE_NOT_CONFIGURED with what Centegra needs from the shop', async () => {
    const { site } = await siteOf(input(failure('SITE_NOT_CONFIGURED', 'SITE_NOT_CONFIGURED', 403)));
    expect(site).toMatchObject({
      status: 'FAIL',
      detail: 'Centegra Plus has no Factor4 set-up for site S042 (SITE_NOT_CONFIGURED).',
      fix: SITE_FIX,
    });
    expect(SITE_FIX).toBe(
      "Ask Centegra to configure the site's Factor4 Client ID, Location ID, Terminal ID, username and password.",
    );
  });

  it('is not checked, and not asked, while an earlier check stands in the way', async () => {
    const offline = input(failure('CARD_NOT_FOUND', 'CARD_NOT_FOUND'), {
      reach: async () => ({ ok: false, stage: 'connect', error: 'ECONNREFUSED' }),
    });
    expect((await siteOf(offline)).site).toMatchObject({
      status: 'NOT_CHECKED',
      detail: 'Centegra Plus could not be reached.',
    });
    expect(offline.enquire).not.toHaveBeenCalled();

    const keyOff = input(failure('CARD_NOT_FOUND', 'CARD_NOT_FOUND'), {
      status: async () => failure('CENTEGRA_KEY_DISABLED', 'KEY_DISABLED', 403),
    });
    expect((await siteOf(keyOff)).site).toMatchObject({
      status: 'NOT_CHECKED',
      detail: 'The key was refused.',
      fix: 'Fix the key first (check 4).',
    });
    expect(keyOff.enquire).not.toHaveBeenCalled();
  });

  it('says why when the enquiry itself is not answered', async () => {
    expect(
      (await siteOf(input(failure('FACTOR4_UNAVAILABLE', 'FACTOR4_UNAVAILABLE', 503)))).site,
    ).toMatchObject({
      status: 'NOT_CHECKED',
      detail: 'Factor4 did not answer.',
    });
    expect((await siteOf(input(failure('OFFLINE', 'TIMEOUT')))).site).toMatchObject({
      status: 'NOT_CHECKED',
      detail: 'Centegra Plus did not answer the enquiry (TIMEOUT).',
    });
    expect((await siteOf(input(failure('INTERNAL', 'INTERNAL', 500)))).site).toMatchObject({
      status: 'NOT_CHECKED',
      detail: 'The enquiry was answered with INTERNAL (HTTP 500).',
      fix: expect.stringContaining('support bundle'),
    });
  });

  it('is left out where the host gives no way to ask (six checks)', async () => {
    const checks = await runChecks({
      ...input(failure('CARD_NOT_FOUND', 'CARD_NOT_FOUND')),
      site: undefined,
    });
    expect(checks.map((c) => c.id)).not.toContain('site');
  });
});
