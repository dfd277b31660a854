import { describe, expect, it } from 'vitest';
import { allowedHosts, bearerMatches, hostAllowed, originAllowed, selfOrigins } from '../../main/posapi';

describe('POS API gatekeeping', () => {
  const listen = { host: '127.0.0.1', port: 7420 };

  it("accepts only this till's own names in Host (DNS rebinding)", () => {
    const hosts = allowedHosts(listen);
    for (const ok of ['127.0.0.1:7420', 'localhost:7420', 'LOCALHOST:7420', '[::1]:7420'])
      expect(hostAllowed(ok, hosts)).toBe(true);
    for (const bad of [
      'evil.example:7420',
      'evil.example',
      '127.0.0.1:80',
      '127.0.0.1',
      undefined,
      '127.0.0.1:7420.evil.example',
    ])
      expect(hostAllowed(bad, hosts)).toBe(false);
  });

  it('adds a configured listen address', () => {
    expect(hostAllowed('10.0.0.5:7420', allowedHosts({ host: '10.0.0.5', port: 7420 }))).toBe(true);
  });

  it('lets through requests without Origin, same-origin pages and configured origins only', () => {
    const allowed = new Set([...selfOrigins(listen), 'https://pos.example']);
    expect(originAllowed(undefined, allowed)).toBe(true);
    expect(originAllowed('http://127.0.0.1:7420', allowed)).toBe(true);
    expect(originAllowed('https://pos.example', allowed)).toBe(true);
    expect(originAllowed('https://evil.example', allowed)).toBe(false);
    expect(originAllowed('null', allowed)).toBe(false);
    expect(originAllowed('http://127.0.0.1:7421', allowed)).toBe(false);
  });

  it('compares the bearer token exactly', () => {
    const token = 'x'.repeat(43);
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(bearerMatches(`Basic ${token}`, token)).toBe(false);
    expect(bearerMatches('Bearer ', token)).toBe(false);
    expect(bearerMatches(undefined, token)).toBe(false);
  });
});
