// scripts/electronegativity.mjs: which findings fail CI (an unexplained HIGH one, a file the tool
// could not read), the exceptions file, and a real run of the tool (a devDependency) that catches
// a window built without context isolation.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const script = path.join(repoRoot, 'scripts', 'electronegativity.mjs');

interface Finding {
  id: string;
  file: string;
  line: number;
  column: number;
  severity: string;
  confidence: string;
  description: string;
  manualReview: boolean;
}
interface Exception {
  check: string;
  file: string;
  reason: string;
}
interface Verdict {
  ok: boolean;
  unexplained: Finding[];
  unread: Array<{ file: string; message: string }>;
  explained: Array<{ finding: Finding; exception: Exception }>;
  other: Finding[];
  unused: Exception[];
}
interface Script {
  toFindings(issues: unknown[]): Finding[];
  parseExceptions(text: string): { exceptions: Exception[]; problems: string[] };
  evaluateFindings(findings: Finding[], errors: unknown[], exceptions: Exception[]): Verdict;
  formatVerdict(verdict: Verdict): string;
}

let tool: Script;
beforeAll(async () => {
  tool = (await import(pathToFileURL(script).href)) as Script;
});

// Issues as the tool's runner returns them (severity and confidence are objects with a name).
const issue = (id: string, severity: string, file = 'main/electron/window.ts') => ({
  id,
  file,
  location: { line: 20, column: 4 },
  severity: { value: 3, name: severity },
  confidence: { value: 1, name: 'FIRM' },
  description: `${id} description`,
  shortenedURL: 'https://git.io/x',
  manualReview: false,
});
const CSP = {
  check: 'CSP_GLOBAL_CHECK',
  file: 'N/A',
  reason: 'The CSP is a header from the app:// protocol handler.',
};

describe('electronegativity findings', () => {
  it('fail CI when HIGH and unexplained; lower ones are only printed', () => {
    const findings = tool.toFindings([
      issue('CONTEXT_ISOLATION_JS_CHECK', 'HIGH'),
      issue('SANDBOX_JS_CHECK', 'MEDIUM'),
      issue('CSP_GLOBAL_CHECK', 'MEDIUM', 'N/A'),
    ]);
    expect(findings[0]).toMatchObject({ id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', line: 20 });
    const verdict = tool.evaluateFindings(findings, [], [CSP]);
    expect(verdict.ok).toBe(false);
    expect(verdict.unexplained.map((f) => f.id)).toEqual(['CONTEXT_ISOLATION_JS_CHECK']);
    expect(verdict.other.map((f) => f.id)).toEqual(['SANDBOX_JS_CHECK']);
    expect(verdict.explained.map((e) => e.finding.id)).toEqual(['CSP_GLOBAL_CHECK']);
    const text = tool.formatVerdict(verdict);
    expect(text).toContain('1 HIGH finding(s) nobody has explained');
    expect(text).toContain('CONTEXT_ISOLATION_JS_CHECK  main/electron/window.ts:20:4');
    expect(text).toContain('The CSP is a header');
  });

  it('an exception explains its check in its file (or "*"), and nothing else', () => {
    const findings = tool.toFindings([issue('LIMIT_NAVIGATION_GLOBAL_CHECK', 'HIGH', 'N/A')]);
    const elsewhere = { check: 'LIMIT_NAVIGATION_GLOBAL_CHECK', file: 'preload/preload.ts', reason: 'x' };
    expect(tool.evaluateFindings(findings, [], [elsewhere])).toMatchObject({
      ok: false,
      unused: [elsewhere],
    });
    expect(tool.evaluateFindings(findings, [], [{ ...elsewhere, file: '*' }]).ok).toBe(true);
    expect(tool.evaluateFindings(findings, [], [{ ...elsewhere, file: 'N/A' }]).ok).toBe(true);
  });

  it('a file the tool could not read fails CI: its checks were not made', () => {
    const verdict = tool.evaluateFindings(
      [],
      [
        {
          file: 'dist/main/electron.js',
          message: 'Unknown node type ClassPrivateProperty.',
          tolerable: false,
        },
      ],
      [],
    );
    expect(verdict.ok).toBe(false);
    expect(tool.formatVerdict(verdict)).toContain(
      'dist/main/electron.js: Unknown node type ClassPrivateProperty.',
    );
  });

  it('the exceptions file needs a check, a file and a reason in every entry; the committed one is valid', () => {
    expect(tool.parseExceptions(JSON.stringify([{ check: 'X', file: '*' }])).problems).toEqual([
      'entry 1: needs reason',
    ]);
    expect(tool.parseExceptions('{}').problems).toEqual(['must be a JSON array of exceptions']);
    const committed = fs.readFileSync(path.join(repoRoot, 'electronegativity-exceptions.json'), 'utf8');
    expect(tool.parseExceptions(committed).problems).toEqual([]);
  });
});

describe('electronegativity itself', () => {
  it('finds a window created without context isolation, offline, and fails', async () => {
    const t = tempDir();
    try {
      const dir = path.join(t.dir, 'insecure');
      fs.mkdirSync(dir);
      fs.writeFileSync(
        path.join(dir, 'main.ts'),
        "import { BrowserWindow } from 'electron';\n" +
          'export const open = (): BrowserWindow =>\n' +
          '  new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n',
      );
      const r = await promisify(execFile)(process.execPath, [script, '--input', dir], {
        cwd: repoRoot,
      }).then(
        (x) => ({ code: 0, stdout: x.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/HIGH +\w+ +CONTEXT_ISOLATION_JS_CHECK {2}insecure\/main\.ts:3/);
    } finally {
      t.remove();
    }
  }, 60_000);
});
