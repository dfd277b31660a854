import { describe, expect, it } from 'vitest';
import { httpFailure, networkFailure, parseRetryAfter, unreadableAnswer } from '../../main/agent/centegra';
import { KEY_FIX } from '../../main/agent/contract';

const answer = (status: number, code?: string, extra: object = {}) => ({
  status,
  path: '/cards/inquiry',
  ...(code ? { error: { code, message: `said ${code}` } } : {}),
  ...extra,
});

describe('Centegra errors become codes of the POS API with a message a cashier can act on', () => {
  it.each([
    [401, 'KEY_INVALID', 'CENTEGRA_KEY_DISABLED', 'KEY_DISABLED'],
    [403, 'KEY_DISABLED', 'CENTEGRA_KEY_DISABLED', 'KEY_DISABLED'],
    [403, 'SITE_NOT_CONFIGURED', 'SITE_NOT_CONFIGURED', 'ONLINE'],
    [400, 'BAD_REQUEST', 'BAD_REQUEST', 'ONLINE'],
    [404, 'CARD_NOT_FOUND', 'CARD_NOT_FOUND', 'ONLINE'],
    [422, 'CARD_NOT_ACTIVE', 'CARD_NOT_ACTIVE', 'ONLINE'],
    [422, 'INSUFFICIENT_FUNDS', 'INSUFFICIENT_FUNDS', 'ONLINE'],
    [429, 'RATE_LIMITED', 'RATE_LIMITED', 'ONLINE'],
    [503, 'FACTOR4_UNAVAILABLE', 'FACTOR4_UNAVAILABLE', 'FACTOR4_DOWN'],
    [502, 'FACTOR4_UNAVAILABLE', 'FACTOR4_UNAVAILABLE', 'FACTOR4_DOWN'],
    [504, 'FACTOR4_TIMEOUT', 'FACTOR4_UNAVAILABLE', 'FACTOR4_DOWN'],
    [500, 'INTERNAL', 'CENTEGRA_ERROR', 'OFFLINE'],
    // 1.1
    [404, 'HOLD_NOT_FOUND', 'NOT_FOUND', 'ONLINE'],
    [409, 'HOLD_CAPTURED', 'CONFLICT', 'ONLINE'],
    [422, 'REFUND_EXCEEDS_ORIGINAL', 'REFUND_EXCEEDS_ORIGINAL', 'ONLINE'],
    [503, 'CENTEGRA_UNAVAILABLE', 'OFFLINE', 'OFFLINE'],
    [404, 'TRANSACTION_NOT_FOUND', 'NOT_FOUND', 'ONLINE'],
  ] as const)('%i %s → %s (link %s)', (status, centegraCode, code, link) => {
    const f = httpFailure(answer(status, centegraCode));
    expect(f).toMatchObject({ code, link, cause: centegraCode, httpStatus: status });
    expect(f.message.length).toBeGreaterThan(30);
  });

  it('names where to enable the key for 401 and 403', () => {
    expect(httpFailure(answer(403, 'KEY_DISABLED')).message).toContain(KEY_FIX);
    expect(httpFailure(answer(401, 'KEY_INVALID')).message).toContain(
      'Company Settings > External Access & FTP > API Secure Keys > "Factor4 Gift Card"',
    );
    // A bare 401/403 without Centegra's envelope (a proxy, say) is still the key.
    expect(httpFailure(answer(403)).message).toContain(KEY_FIX);
  });

  it('marks outcomes as unknown only when the call may have been applied', () => {
    expect(httpFailure(answer(504, 'FACTOR4_TIMEOUT')).outcomeUnknown).toBe(true);
    expect(httpFailure(answer(500, 'INTERNAL')).outcomeUnknown).toBe(true);
    expect(httpFailure(answer(422, 'INSUFFICIENT_FUNDS')).outcomeUnknown).toBe(false);
    expect(httpFailure(answer(503, 'FACTOR4_UNAVAILABLE')).outcomeUnknown).toBe(false);
    expect(httpFailure(answer(429, 'RATE_LIMITED')).outcomeUnknown).toBe(false);
  });

  it('honours Retry-After in seconds and as a date', () => {
    expect(httpFailure(answer(429, 'RATE_LIMITED', { retryAfter: '7' }))).toMatchObject({
      retryAfterMs: 7000,
      message: expect.stringContaining('about 7 seconds'),
    });
    expect(
      parseRetryAfter('Fri, 27 Nov 2026 12:00:10 GMT', Date.parse('Fri, 27 Nov 2026 12:00:00 GMT')),
    ).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('none of the 1.1 refusals may have been applied', () => {
    for (const [status, code] of [
      [404, 'HOLD_NOT_FOUND'],
      [409, 'HOLD_CAPTURED'],
      [422, 'REFUND_EXCEEDS_ORIGINAL'],
      [503, 'CENTEGRA_UNAVAILABLE'],
      [404, 'TRANSACTION_NOT_FOUND'],
    ] as const) {
      expect(httpFailure(answer(status, code)).outcomeUnknown, code).toBe(false);
    }
  });

  it('a captured hold tells the manager to void the payment instead', () => {
    expect(httpFailure(answer(409, 'HOLD_CAPTURED')).message).toContain('void that gift card payment');
  });

  it('a refund over the original keeps what may still be refunded in details', () => {
    const f = httpFailure({
      status: 422,
      path: '/cards/refunds',
      error: { code: 'REFUND_EXCEEDS_ORIGINAL', message: 'no', details: { refundableMinor: 1250 } },
    });
    expect(f).toMatchObject({ code: 'REFUND_EXCEEDS_ORIGINAL', details: { refundableMinor: 1250 } });
    expect(f.message).toContain('already been refunded');
  });

  it("Centegra's own maintenance: OFFLINE with its Retry-After, and says it is Centegra, not the till", () => {
    const f = httpFailure(answer(503, 'CENTEGRA_UNAVAILABLE', { retryAfter: '300' }));
    expect(f).toMatchObject({ retryAfterMs: 300_000, link: 'OFFLINE', cause: 'CENTEGRA_UNAVAILABLE' });
    expect(f.message).toContain('maintenance');
    expect(f.message).toContain('about 5 minutes');
    expect(f.message).not.toContain('network');
    expect(httpFailure(answer(503, 'CENTEGRA_UNAVAILABLE')).message).toContain('shortly');
  });

  it('a void or refund naming an unknown original says the sale may still be queued', () => {
    expect(httpFailure(answer(404, 'TRANSACTION_NOT_FOUND')).message).toContain('queue');
  });

  it.each([
    ['/cards/holds', 'holding gift card balances'],
    ['/cards/holds/release', 'holding gift card balances'],
    ['/cards/refunds', 'gift card refunds'],
  ])('an older Centegra without %s: NOT_SUPPORTED, naming what is missing', (path, feature) => {
    for (const error of [undefined, { code: 'NOT_FOUND', message: 'No endpoint' }]) {
      const f = httpFailure({ status: 404, path, ...(error ? { error } : {}) });
      expect(f).toMatchObject({ code: 'NOT_SUPPORTED', link: 'ONLINE', outcomeUnknown: false });
      expect(f.message).toContain(feature);
    }
  });

  it('tells IT to check the base URL when the path does not exist', () => {
    const f = httpFailure({ status: 404, path: '/cards/inquiry' });
    expect(f.code).toBe('CENTEGRA_ERROR');
    expect(f.message).toContain('centegra.baseUrl');
  });

  it('does not repeat an enormous server message', () => {
    const f = httpFailure({
      status: 400,
      path: '/x',
      error: { code: 'BAD_REQUEST', message: 'x'.repeat(10_000) },
    });
    expect(f.message.length).toBeLessThan(500);
  });
});

describe('network failures', () => {
  const err = (code: string) => Object.assign(new Error(code), { code });

  it('refused or unresolvable: OFFLINE, and nothing was sent', () => {
    expect(networkFailure(err('ECONNREFUSED'), false)).toMatchObject({
      code: 'OFFLINE',
      link: 'OFFLINE',
      outcomeUnknown: false,
    });
    const dns = networkFailure(err('ENOTFOUND'), false);
    expect(dns.outcomeUnknown).toBe(false);
    expect(dns.message).toContain('DNS');
  });

  it('reset or timed out: OFFLINE, and the outcome is unknown', () => {
    expect(networkFailure(err('ECONNRESET'), false)).toMatchObject({ code: 'OFFLINE', outcomeUnknown: true });
    expect(networkFailure(err('UND_ERR_SOCKET'), false)).toMatchObject({ outcomeUnknown: true });
    expect(networkFailure(new DOMException('aborted', 'TimeoutError'), true)).toMatchObject({
      cause: 'TIMEOUT',
      outcomeUnknown: true,
    });
  });

  it('finds the code on a wrapped cause', () => {
    const wrapped = new TypeError('fetch failed', { cause: err('ECONNREFUSED') });
    expect(networkFailure(wrapped, false).cause).toBe('ECONNREFUSED');
  });

  it('explains certificate failures and never offers to skip the check', () => {
    const f = networkFailure(err('DEPTH_ZERO_SELF_SIGNED_CERT'), false);
    expect(f.message).toContain('certificate');
    expect(f.message).toContain('never skips');
  });

  it('an unreadable answer is a Centegra error', () => {
    expect(unreadableAnswer('/status', 200, 'unexpected shape')).toMatchObject({
      code: 'CENTEGRA_ERROR',
      httpStatus: 200,
    });
  });
});

describe("Centegra's own words, quoted", () => {
  it('end one sentence, with no stray full stop after the quote', () => {
    const withStop = httpFailure({
      status: 500,
      error: { code: 'INTERNAL', message: 'Centegra Plus failed internally.' },
      path: '/baskets/close',
    });
    expect(withStop.message).toContain('Centegra Plus said: "Centegra Plus failed internally." Try again');
    expect(withStop.message).not.toContain('.".');
    const without = httpFailure({ status: 500, error: { code: 'INTERNAL', message: 'boom' }, path: '/x' });
    expect(without.message).toContain('Centegra Plus said: "boom". Try again');
  });
});
