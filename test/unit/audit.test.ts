// scripts/audit.mjs, the supply-chain gate: how it reads `npm audit --json` (a report, an
// unreachable audit endpoint, or a failure), which advisories fail CI, and the exceptions file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const script = path.join(repoRoot, 'scripts', 'audit.mjs');

interface Exception {
  advisory: string;
  package: string;
  reason: string;
  until: string;
}
interface Advisory {
  id: string;
  url: string;
  package: string;
  severity: string;
  title: string;
  range: string;
}
interface Verdict {
  ok: boolean;
  failures: Array<{ advisory: Advisory; why: string }>;
  excepted: Array<{ advisory: Advisory; exception: Exception }>;
  unused: Exception[];
  counted: number;
}
interface AuditScript {
  classifyAuditOutput(stdout: string): {
    kind: 'report' | 'unreachable' | 'unreadable';
    why?: string;
    report?: unknown;
  };
  advisoriesOf(report: unknown): Advisory[];
  parseExceptions(text: string): { exceptions: Exception[]; problems: string[] };
  evaluateAudit(report: unknown, exceptions: Exception[], today: string): Verdict;
  formatVerdict(verdict: Verdict): string;
  advisoryId(url: string): string;
}

let audit: AuditScript;
beforeAll(async () => {
  audit = (await import(pathToFileURL(script).href)) as AuditScript;
});

// `npm audit --omit=dev --json` as npm 10/11 print it (auditReportVersion 2): a vulnerable
// package lists its advisories in `via` as objects, and the packages it is vulnerable through as names.
const WS_HIGH = {
  source: 1098392,
  name: 'ws',
  dependency: 'ws',
  title: 'ws affected by a DoS when handling a request with many HTTP headers',
  url: 'https://github.com/advisories/GHSA-3h5v-q93c-6h6q',
  severity: 'high',
  cwe: ['CWE-476'],
  cvss: { score: 7.5, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' },
  range: '>=8.0.0 <8.17.1',
};
const report = (vulnerabilities: Record<string, unknown>) => ({
  auditReportVersion: 2,
  vulnerabilities,
  metadata: {
    vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 },
    dependencies: { prod: 160, dev: 0, optional: 4, peer: 0, peerOptional: 0, total: 163 },
  },
});
const CLEAN = report({});
const WITH_WS = report({
  ws: {
    name: 'ws',
    severity: 'high',
    isDirect: false,
    via: [WS_HIGH],
    effects: ['@fastify/websocket'],
    range: '8.0.0 - 8.17.0',
    nodes: ['node_modules/ws'],
    fixAvailable: true,
  },
  '@fastify/websocket': {
    name: '@fastify/websocket',
    severity: 'high',
    isDirect: true,
    via: ['ws'],
    effects: [],
    range: '<=10.0.1',
    nodes: ['node_modules/@fastify/websocket'],
    fixAvailable: true,
  },
  cookie: {
    name: 'cookie',
    severity: 'low',
    isDirect: false,
    via: [
      {
        source: 1099846,
        name: 'cookie',
        dependency: 'cookie',
        title: 'cookie accepts cookie name, path, and domain with out of bounds characters',
        url: 'https://github.com/advisories/GHSA-pxg6-pf52-xh8x',
        severity: 'low',
        cwe: ['CWE-74'],
        cvss: { score: 0, vectorString: null },
        range: '<0.7.0',
      },
    ],
    effects: [],
    range: '<0.7.0',
    nodes: ['node_modules/cookie'],
    fixAvailable: true,
  },
  'fast-xml-parser': {
    name: 'fast-xml-parser',
    severity: 'critical',
    isDirect: false,
    via: [
      {
        source: 1094500,
        name: 'fast-xml-parser',
        dependency: 'fast-xml-parser',
        title: 'fast-xml-parser vulnerable to Prototype Pollution through tag or attribute name',
        url: 'https://github.com/advisories/GHSA-x3cc-x39p-42qx',
        severity: 'critical',
        cwe: ['CWE-1321'],
        cvss: { score: 9.8, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        range: '<4.4.1',
      },
    ],
    effects: [],
    range: '<4.4.1',
    nodes: ['node_modules/fast-xml-parser'],
    fixAvailable: true,
  },
});
const exception = (over: Partial<Exception> = {}): Exception => ({
  advisory: 'GHSA-3h5v-q93c-6h6q',
  package: 'ws',
  reason: 'Only the headless UI bridge uses ws, on loopback, behind the session cookie.',
  until: '2027-01-31',
  ...over,
});

describe('reading what npm audit printed', () => {
  it('a report, however many advisories it holds', () => {
    expect(audit.classifyAuditOutput(JSON.stringify(CLEAN)).kind).toBe('report');
    expect(audit.classifyAuditOutput(JSON.stringify(WITH_WS)).kind).toBe('report');
  });

  it('an audit endpoint that cannot be reached is "unreachable" (skipped, not failed)', () => {
    // What this machine's registry answers: the audit endpoint is not served.
    const notServed = {
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      method: 'POST',
      uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      headers: { allow: ['GET,HEAD'] },
      statusCode: 405,
      body: '',
      error: { summary: '', detail: '' },
    };
    expect(audit.classifyAuditOutput(JSON.stringify(notServed))).toEqual({
      kind: 'unreachable',
      why: expect.stringContaining('405 Method Not Allowed'),
    });
    const offline = {
      error: {
        code: 'ENOTFOUND',
        summary:
          'request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org',
        detail: '',
      },
    };
    expect(audit.classifyAuditOutput(JSON.stringify(offline)).kind).toBe('unreachable');
    const endpoint = {
      error: { code: 'EAUDITNOJSON', summary: 'audit endpoint returned an error', detail: '' },
    };
    expect(audit.classifyAuditOutput(JSON.stringify(endpoint)).kind).toBe('unreachable');
  });

  it('anything else is "unreadable" (CI fails): no lockfile, no JSON at all', () => {
    const noLock = {
      error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.', detail: '' },
    };
    expect(audit.classifyAuditOutput(JSON.stringify(noLock))).toEqual({
      kind: 'unreadable',
      why: expect.stringContaining('ENOLOCK'),
    });
    expect(audit.classifyAuditOutput('npm ERR! something').kind).toBe('unreadable');
    expect(audit.classifyAuditOutput('').kind).toBe('unreadable');
  });

  it('finds each advisory once, under the package it is in, with its GHSA id', () => {
    expect(audit.advisoriesOf(WITH_WS)).toEqual([
      expect.objectContaining({ id: 'GHSA-PXG6-PF52-XH8X', package: 'cookie', severity: 'low' }),
      expect.objectContaining({
        id: 'GHSA-X3CC-X39P-42QX',
        package: 'fast-xml-parser',
        severity: 'critical',
      }),
      expect.objectContaining({
        id: 'GHSA-3H5V-Q93C-6H6Q',
        package: 'ws',
        severity: 'high',
        range: '>=8.0.0 <8.17.1',
        url: 'https://github.com/advisories/GHSA-3h5v-q93c-6h6q',
      }),
    ]);
    expect(audit.advisoryId('https://github.com/advisories/GHSA-3h5v-q93c-6h6q')).toBe('GHSA-3H5V-Q93C-6H6Q');
  });
});

describe('which advisories fail CI', () => {
  it('none in a clean report', () => {
    expect(audit.evaluateAudit(CLEAN, [], '2026-11-27')).toMatchObject({
      ok: true,
      failures: [],
      counted: 0,
    });
  });

  it('every high or critical one without an exception; low and moderate ones never', () => {
    const verdict = audit.evaluateAudit(WITH_WS, [], '2026-11-27');
    expect(verdict.ok).toBe(false);
    expect(verdict.failures.map((f) => [f.advisory.package, f.advisory.severity, f.why])).toEqual([
      ['fast-xml-parser', 'critical', 'no exception'],
      ['ws', 'high', 'no exception'],
    ]);
    const text = audit.formatVerdict(verdict);
    expect(text).toContain('2 high or critical advisories in production dependencies to fix');
    expect(text).toContain('HIGH     ws >=8.0.0 <8.17.1  GHSA-3H5V-Q93C-6H6Q');
    expect(text).toContain('https://github.com/advisories/GHSA-x3cc-x39p-42qx');
    expect(text).not.toContain('cookie');
    expect(text).toContain('audit-exceptions.json');
  });

  it('an exception holds through its until date, by GHSA id or advisory URL, for its package only', () => {
    const xml = exception({
      advisory: 'https://github.com/advisories/GHSA-x3cc-x39p-42qx',
      package: 'fast-xml-parser',
      reason: 'Only electron-builder reads XML, at build time.',
    });
    const verdict = audit.evaluateAudit(WITH_WS, [exception(), xml], '2027-01-31');
    expect(verdict).toMatchObject({ ok: true, failures: [], unused: [] });
    expect(verdict.excepted.map((e) => e.advisory.package)).toEqual(['fast-xml-parser', 'ws']);
    expect(audit.formatVerdict(verdict)).toContain('excepted until 2027-01-31');
    expect(audit.formatVerdict(verdict)).toContain('because: Only the headless UI bridge uses ws');

    const otherPackage = audit.evaluateAudit(
      WITH_WS,
      [exception({ package: 'ws-other' }), xml],
      '2026-11-27',
    );
    expect(otherPackage.failures.map((f) => f.advisory.package)).toEqual(['ws']);
    expect(otherPackage.unused).toEqual([exception({ package: 'ws-other' })]);
  });

  it('an expired exception fails, saying when it expired and what it said', () => {
    const verdict = audit.evaluateAudit(WITH_WS, [exception({ until: '2026-11-26' })], '2026-11-27');
    expect(verdict.failures.find((f) => f.advisory.package === 'ws')?.why).toBe(
      'exception expired on 2026-11-26',
    );
    expect(audit.formatVerdict(verdict)).toContain(
      'exception expired on 2026-11-26; it said: Only the headless UI bridge uses ws',
    );
  });

  it('notes exceptions that no longer match anything', () => {
    const verdict = audit.evaluateAudit(CLEAN, [exception()], '2026-11-27');
    expect(verdict.ok).toBe(true);
    expect(audit.formatVerdict(verdict)).toContain('matches nothing now: remove it');
  });
});

describe('the exceptions file', () => {
  it('needs an advisory, a package, a reason and a YYYY-MM-DD date in every entry', () => {
    expect(audit.parseExceptions(JSON.stringify([exception()]))).toEqual({
      exceptions: [exception()],
      problems: [],
    });
    expect(audit.parseExceptions(JSON.stringify([exception({ reason: ' ' })])).problems).toEqual([
      'entry 1: needs reason',
    ]);
    expect(audit.parseExceptions(JSON.stringify([{ advisory: 'GHSA-3h5v-q93c-6h6q' }])).problems).toEqual([
      'entry 1: needs package, reason, until',
    ]);
    expect(audit.parseExceptions(JSON.stringify([exception({ until: '31/01/2027' })])).problems[0]).toMatch(
      /until must be a date, YYYY-MM-DD/,
    );
    expect(audit.parseExceptions('{}').problems).toEqual(['must be a JSON array of exceptions']);
    expect(audit.parseExceptions('[').problems[0]).toMatch(/is not valid JSON/);
  });

  it('the committed one is valid', () => {
    const text = fs.readFileSync(path.join(repoRoot, 'audit-exceptions.json'), 'utf8');
    expect(audit.parseExceptions(text).problems).toEqual([]);
  });
});

describe('node scripts/audit.mjs --report FILE', () => {
  const run = async (content: unknown) => {
    const t = tempDir();
    try {
      const file = path.join(t.dir, 'audit.json');
      fs.writeFileSync(file, JSON.stringify(content));
      return await promisify(execFile)(process.execPath, [script, '--report', file], { cwd: repoRoot }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    } finally {
      t.remove();
    }
  };

  it('exits 1 and lists what to fix; 0 for a clean report; 0, loudly, when audit was unreachable', async () => {
    const fictional = report({
      'example-vulnerable': {
        name: 'example-vulnerable',
        severity: 'critical',
        via: [
          {
            ...WS_HIGH,
            name: 'example-vulnerable',
            severity: 'critical',
            url: 'https://github.com/advisories/GHSA-2c3f-4g5h-6j7m',
          },
        ],
        range: '*',
      },
    });
    const failing = await run(fictional);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('CRITICAL example-vulnerable');
    expect(await run(CLEAN)).toMatchObject({ code: 0 });
    const skipped = await run({
      statusCode: 503,
      message: '503 Service Unavailable - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    });
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('SKIPPED, NOT PASSED');
  });
});
