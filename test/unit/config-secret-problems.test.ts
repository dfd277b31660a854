// A config problem on a secret key names what is wrong and never the value: check-config, the
// desktop app's error box and the log all print these lines.
import { describe, expect, it } from 'vitest';
import { parseConfigText, validateConfig } from '../../main/agent/config';

/** Every run of 3 characters of a secret: none of them may be printed. */
const pieces = (secret: string) =>
  Array.from({ length: secret.length - 2 }, (_, i) => secret.slice(i, i + 3));

const problemsOf = (config: object) => {
  const r = validateConfig(config);
  if (r.ok) throw new Error('expected problems');
  return r.problems.join('\n');
};

const otlp = (headers: object) => ({
  metrics: { otlp: { endpoint: 'https://c.example/v1/metrics', headers } },
});

describe('problems with secret keys', () => {
  const cases: Array<[string, object, string]> = [
    ['centegra.apiKey too short', { centegra: { apiKey: 'Xq7Zk9' } }, 'Xq7Zk9'],
    ['posApi.token too short', { posApi: { token: 'Wv3Jy8' } }, 'Wv3Jy8'],
    ['metrics.token too short', { metrics: { token: 'Pm5Rt2' } }, 'Pm5Rt2'],
    ['manager.pinHash not a hash', { manager: { pinHash: 'Hd4Ns6' } }, 'Hd4Ns6'],
    ['an OTLP header on two lines', otlp({ Authorization: 'Bearer Gk8\nLw2Fz' }), 'Lw2Fz'],
    ['posApi.token too long', { posApi: { token: `Yb6Qc1${'y'.repeat(600)}` } }, 'Yb6Qc1'],
    ['posApi.token a number', { posApi: { token: 739514 } }, '739514'],
    ['centegra.apiKey a number', { centegra: { apiKey: 846273 } }, '846273'],
    ['an OTLP header a number', otlp({ 'X-Key': 918273 }), '918273'],
  ];
  it.each(cases)('%s: the line names the key, not the value', (_name, config, secret) => {
    const text = problemsOf(config);
    expect(text).toContain('(a secret: not shown)');
    for (const piece of pieces(secret)) expect(text).not.toContain(piece);
  });

  it('a secret written without quotes (not JSON) is not quoted back, only its line', () => {
    const r = parseConfigText('{\n  "posApi": { "token": Tq4Vb7Nc2Mx9 }\n}');
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.problems.join('\n');
    expect(text).toContain('at line 2');
    for (const piece of pieces('Tq4Vb7Nc2Mx9')) expect(text).not.toContain(piece);
  });

  it('other keys still quote what they got, to help IT find it', () => {
    expect(problemsOf({ posApi: { host: 42 } })).toContain('got the number 42');
  });
});
